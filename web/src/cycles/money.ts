import { money } from '../ui/labels';

/** Amounts on the test screen: the PWA's one money formatter (workspace currency), cents by default. */
export const formatMoney = (x: number | null | undefined, digits = 2) => money(x, digits);

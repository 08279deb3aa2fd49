import { ROLES, type Role } from '../../db/schema';

/** viewer (stakeholder) < member < lead < admin. */
export const roleRank = (role: Role) => ROLES.indexOf(role);
export const hasRole = (role: Role, needed: Role) => roleRank(role) >= roleRank(needed);

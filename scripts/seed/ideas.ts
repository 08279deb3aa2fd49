import type { LEVERS } from '../../db/schema';

type Lever = (typeof LEVERS)[number];
export type Idea = {
  title: string; channel: string; lever: Lever; metric: string; change: string; audience: string; rationale: string;
  impact: number; confidence: number; ease: number; expected: number; tags: string[];
};

const idea = (title: string, channel: string, lever: Lever, metric: string, ice: [number, number, number], expected: number, tags: string[], change: string, audience: string, rationale: string): Idea =>
  ({ title, channel, lever, metric, impact: ice[0], confidence: ice[1], ease: ice[2], expected, tags, change, audience, rationale });

/** The demo backlog: the kind of ideas a performance team really has, across channels and levers. */
export const IDEAS: Idea[] = [
  idea('Free-shipping banner on brand search landing pages', 'Paid search', 'offer', 'Conversion rate', [8, 7, 9], 0.08, ['shipping', 'landing'], 'show a free-shipping banner above the fold', 'brand search visitors', 'shipping cost is the top objection in exit surveys'),
  idea('Broad match with target CPA on generic keywords', 'Paid search', 'bidding', 'Conversion rate', [7, 4, 8], 0.1, ['bidding', 'smart-bidding'], 'switch generic campaigns to broad match with tCPA', 'generic non-brand searchers', 'Google claims more volume at the same CPA'),
  idea('UGC video creative for prospecting', 'Paid social', 'creative', 'Click-through rate', [8, 6, 6], 0.15, ['creative', 'ugc'], 'replace studio images with customer-made videos', 'cold prospecting audiences', 'UGC outperformed studio assets for peers in our category'),
  idea('Retarget cart abandoners with a 10% code', 'Retargeting', 'offer', 'Conversion rate', [7, 7, 8], 0.12, ['offer', 'cart'], 'offer a 10% code in retargeting ads', 'visitors who abandoned a cart in the last 7 days', 'price is the second objection after shipping'),
  idea('1% purchaser lookalike instead of interest stack', 'Paid social', 'audience', 'Conversion rate', [7, 6, 9], 0.1, ['audience', 'lookalike'], 'target a 1% lookalike of last-90-day purchasers', 'prospecting on Meta', 'interest stacks have drifted towards cheap clicks'),
  idea('Shorter lead form on the demo landing page', 'Paid search', 'landing_page', 'Conversion rate', [6, 7, 9], 0.15, ['form', 'landing'], 'cut the form from 9 fields to 4', 'non-brand search visitors', 'form analytics show 60% drop-off at field 5'),
  idea('Sponsored products on the top-5 SKUs', 'Marketplaces', 'budget', 'ROAS', [6, 5, 7], 0.2, ['marketplace'], 'move 20% of marketplace budget to sponsored products', 'marketplace shoppers searching the category', 'top SKUs have the best reviews and margin'),
  idea('Influencer discount codes for the spring drop', 'Influencers', 'offer', 'Conversion rate', [6, 4, 5], 0.1, ['influencer', 'offer'], 'give each creator a unique 15% code', 'followers of 5 mid-tier creators', 'codes make attribution and urgency explicit'),
  idea('Price-anchoring copy in search ads', 'Paid search', 'creative', 'Click-through rate', [5, 6, 9], 0.05, ['copy'], 'mention the was-price in headline 2', 'generic searchers', 'anchoring raised CTR in the 2025 sale'),
  idea('Exclude past purchasers from prospecting', 'Paid social', 'audience', 'CPA', [6, 8, 9], -0.08, ['audience', 'efficiency'], 'exclude 180-day purchasers', 'prospecting campaigns', 'we pay to reach people who already bought'),
  idea('Dayparting: pause display overnight', 'Display', 'bidding', 'CPA', [4, 6, 9], -0.05, ['display', 'efficiency'], 'pause display between 00:00 and 06:00', 'all display audiences', 'overnight CPA is twice the daily average'),
  idea('Carousel of bestsellers in retargeting', 'Retargeting', 'creative', 'Click-through rate', [5, 6, 7], 0.1, ['creative'], 'show a dynamic bestseller carousel', 'product viewers', 'single-image ads ignore what people browsed'),
  idea('Welcome email with quiz result', 'Email', 'offer', 'Conversion rate', [6, 5, 6], 0.1, ['email', 'quiz'], 'send the quiz result with a tailored bundle', 'new subscribers from the quiz', 'personalised picks convert better in CRM benchmarks'),
  idea('YouTube bumper ads for the new range', 'Video', 'creative', 'Click-through rate', [5, 3, 6], 0.05, ['video', 'awareness'], 'run 6-second bumpers on in-market audiences', 'in-market for home goods', 'cheap reach before the spring drop'),
  idea('Affiliate commission +2 pp on new customers', 'Affiliates', 'offer', 'Conversion rate', [5, 5, 8], 0.06, ['affiliate'], 'raise new-customer commission to 10%', 'content affiliates', 'top partners asked for better terms for first orders'),
  idea('Trust badges near the checkout button', 'Paid search', 'landing_page', 'Conversion rate', [4, 5, 10], 0.03, ['landing', 'trust'], 'add payment and returns badges near the CTA', 'all paid traffic', 'returns policy is a frequent support question'),
  idea('Competitor keywords with comparison page', 'Paid search', 'keyword', 'Conversion rate', [6, 4, 5], 0.1, ['keyword', 'competitor'], 'bid on 3 competitor brands with a comparison page', 'competitor brand searchers', 'we win on price and delivery speed'),
  idea('Seasonal bundle offer for gifting', 'Paid social', 'offer', 'Average order value', [6, 5, 6], 0.12, ['offer', 'bundle', 'seasonal'], 'offer a gift bundle at 15% off', 'gift shoppers in December', 'bundles lift AOV in Q4'),
  idea('Value-based bidding with margin data', 'Paid search', 'bidding', 'ROAS', [8, 5, 4], 0.15, ['bidding', 'margin'], 'send margin as conversion value', 'shopping campaigns', 'revenue-based bidding favours low-margin SKUs'),
  idea('Story-format creatives with captions', 'Paid social', 'creative', 'Click-through rate', [5, 6, 7], 0.08, ['creative', 'stories'], 'produce 9:16 versions with captions', 'stories placements', '80% of story views are muted'),
  idea('Landing page speed: lazy-load hero video', 'Paid search', 'landing_page', 'Conversion rate', [6, 6, 5], 0.05, ['speed', 'landing'], 'lazy-load the hero video', 'mobile paid traffic', 'LCP is 4.1 s on mobile'),
  idea('Retargeting frequency cap at 3 per week', 'Retargeting', 'budget', 'CPA', [4, 7, 9], -0.06, ['frequency', 'efficiency'], 'cap frequency at 3/week', 'all retargeting audiences', 'frequency above 5 shows no extra conversions'),
  idea('Marketplace listing images with lifestyle shots', 'Marketplaces', 'creative', 'Conversion rate', [5, 5, 6], 0.06, ['marketplace', 'creative'], 'add 2 lifestyle images per listing', 'marketplace shoppers', 'top competitors all use lifestyle images'),
  idea('Buy-now-pay-later messaging in ads', 'Paid social', 'offer', 'Conversion rate', [6, 4, 8], 0.07, ['offer', 'bnpl'], 'mention pay-in-3 in primary text', 'prospecting 25-34', 'BNPL users convert 20% more at checkout'),
  idea('Exact-match brand campaign split', 'Paid search', 'keyword', 'CPA', [4, 7, 8], -0.1, ['keyword', 'brand'], 'split brand exact into its own campaign', 'brand searchers', 'brand traffic hides generic inefficiency'),
  idea('Creator whitelisting for top influencer', 'Influencers', 'audience', 'ROAS', [7, 4, 4], 0.2, ['influencer', 'whitelisting'], 'run ads from the creator’s handle', 'lookalikes of creator followers', 'whitelisted ads carry social proof'),
];

/** Ideas captured in a hurry on a phone: a title only, to be completed later. */
export const QUICK_IDEAS = [
  'Abandoned-browse email after 2 hours',
  'Geo test: pause display in two regions',
  'Headline test on the pricing page',
  'Bid +20% on returning mobile visitors',
];

import { openLocalDb } from '../local-db';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from './demo';

/** `npm run seed`: loads the demo workspace into the local D1 if it is empty. */
const { db, close } = await openLocalDb(process.env.HADI_PERSIST_TO);
try {
  const result = await seedDemo(db);
  if (!result.seeded)
    console.log('The local database already has users; nothing seeded. Delete .wrangler/state to start over.');
  else {
    console.log('Seeded the demo workspace "Northwind Outdoor". Sign in with any of:');
    for (const a of DEMO_ACCOUNTS) console.log(`  ${a.role.padEnd(7)} ${a.email}  /  ${DEMO_PASSWORD}`);
  }
} finally {
  await close();
}

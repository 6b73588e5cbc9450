import { reminderBench } from './reminderBench.js';
console.table(await reminderBench('pglite', Number(process.env.N ?? 2000)));
if (process.env.PG) console.table(await reminderBench('postgresql', Number(process.env.N ?? 2000), process.env.PG));

/**
 * `node --expose-gc --import tsx bench/server-figures.ts`: only issue 10's server figures (memory
 * per loaded perimeter, worst-case join with the document in memory), for comparing two versions
 * of the server without the whole bench (bench/run.ts prints them too).
 */
import { printJoinGoal, printServerMemory } from './report-server';
import { freshPhoneFigures } from './sync-fresh-phone';
import { memoryFigures } from './sync-memory';

console.log(`Tissage server figures, ${new Date().toISOString()}, Node ${process.version}`);
printServerMemory(await memoryFigures());
printJoinGoal(await freshPhoneFigures());

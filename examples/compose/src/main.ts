#!/usr/bin/env node
import { runAnalysis } from './analysis.js';

await runAnalysis({ log: (line) => process.stdout.write(`${line}\n`) });

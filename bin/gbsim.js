#!/usr/bin/env node
// Entry point of the `gbsim` command: runs the compiled CLI (compiled by `npm install`/`npm ci` via the `prepare` script).
import '../dist/sim/cli/main.js';

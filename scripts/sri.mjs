#!/usr/bin/env node
/** Prints the Subresource Integrity hash of the built script-tag file, for `<script integrity=…>`. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'dist/avara-elements.js';
const hash = createHash('sha384').update(readFileSync(file)).digest('base64');
console.log(`sha384-${hash}`);

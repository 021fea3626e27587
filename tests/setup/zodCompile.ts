// The server compiles every zod schema (server/main.ts imports zod/compile first); the tests run
// lib/ and server/ code the same way. Vitest loads this before each test file's own imports.
import 'zod/compile';

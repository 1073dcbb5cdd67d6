// Shared test setup: loaded before every test file (node and jsdom alike).

// http: the server that publishes curated feeds and their pages.
export { startServer, chooseEncoding, type ServerOptions, type RunningServer } from './server.ts';

import fs from 'node:fs';
import path from 'node:path';

/** A KB of the mock API's fixtures (mock-api/fixtures/<softwareId>.json). */
export type FixtureKb = {
  id: string;
  name: string;
  productsNames: string[];
  url: string;
  machineMissedOn: number;
  cveAddressed: number;
};

const fixturesDir = path.resolve(__dirname, '../../mock-api/fixtures');

/** The KBs the mock answers for `softwareId`, as its fixture file holds them. */
export const fixture = (softwareId: string): FixtureKb[] =>
  JSON.parse(fs.readFileSync(path.join(fixturesDir, `${softwareId}.json`), 'utf8')).value;

/** How many KBs the mock answers for `softwareId`. */
export const fixtureCount = (softwareId: string): number => fixture(softwareId).length;

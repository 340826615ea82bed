// Deterministic getmissingkbs answers for the benchmark: the same text for the widget and the baseline.
// Shaped like Defender's (see ../../mock-api fixtures): KB ids, update names, product names, the
// catalog URL the service sends for most KBs, and skewed machine and CVE counts.

const PRODUCTS = [
  'windows_10',
  'windows_11',
  'windows_server_2016',
  'windows_server_2019',
  'windows_server_2022',
  'edge',
  'office',
  '.net_framework',
  'sql_server_2019',
  'exchange_server_2019',
];
const KINDS = [
  'Cumulative Update for Windows 10 Version 22H2 for x64-based Systems',
  'Cumulative Update for Windows Server 2019 for x64-based Systems',
  'Security Monthly Quality Rollup for Windows Server 2016',
  'Cumulative Update for .NET Framework 3.5, 4.8 and 4.8.1',
  'Security Update for Microsoft Office 2016 (64-bit edition)',
  'Servicing Stack Update for Windows Server 2022 for x64-based Systems',
];

// A small seeded generator (mulberry32), so every run sees the same answer.
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The JSON text of an answer with `count` KBs. */
export function missingKbsAnswer(count) {
  const next = random(count);
  const value = [];
  for (let i = 0; i < count; i++) {
    const id = String(5000000 + i * 7 + Math.floor(next() * 7));
    const year = 2019 + Math.floor(next() * 7);
    const month = String(1 + Math.floor(next() * 12)).padStart(2, '0');
    const productCount = 1 + Math.floor(next() * 3);
    const productsNames = [];
    for (let p = 0; p < productCount; p++) {
      const product = PRODUCTS[Math.floor(next() * PRODUCTS.length)];
      if (!productsNames.includes(product)) productsNames.push(product);
    }
    value.push({
      id,
      name: `${year}-${month} ${KINDS[Math.floor(next() * KINDS.length)]} (KB${id})`,
      productsNames,
      // Most answers carry the catalog search URL; some leave it out and the card builds it.
      url: next() < 0.8 ? `https://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB${id}` : null,
      machineMissedOn: Math.floor(next() ** 3 * 5000),
      cveAddressed: Math.floor(next() * 120),
    });
  }
  return JSON.stringify({
    '@odata.context':
      'https://api.security.microsoft.com/api/$metadata#Collection(microsoft.windowsDefenderATP.api.PublicProductFixDto)',
    value,
  });
}

/** A filter text that matches part of every answer: one product name. */
export const FILTER_TEXT = 'server_2019';

/** A software inventory of `size` entries, shaped like Defender's (GET /api/Software). */
export function inventoryAnswer(size) {
  const next = random(size);
  const vendors = ['microsoft', 'google', 'mozilla', 'adobe', 'oracle', 'zoom', 'vmware', 'cisco', 'citrix', 'dell'];
  const value = Array.from({ length: size }, (_, i) => {
    const vendor = vendors[i % vendors.length];
    const name = `${PRODUCTS[i % PRODUCTS.length]}_${Math.floor(i / PRODUCTS.length)}`;
    return {
      id: `${vendor}-_-${name}`,
      name,
      vendor,
      weaknesses: Math.floor(next() * 200),
      publicExploit: next() < 0.1,
      activeAlert: next() < 0.02,
      exposedMachines: Math.floor(next() ** 3 * 5000),
      impactScore: Math.round(next() * 1000) / 10,
    };
  });
  return JSON.stringify({ '@odata.context': 'x', value });
}

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

// The device side: a fleet of devices named like Defender's (GET /api/machines), and one
// device's getmissingkbs answer.

const PLATFORMS = [
  ['Windows10', '10.0.19045', '22H2'],
  ['Windows11', '10.0.22631', '23H2'],
  ['WindowsServer2019', '10.0.17763', '1809'],
  ['WindowsServer2022', '10.0.20348', '21H2'],
];
const GROUPS = ['Finance', 'Engineering', 'Kiosks', 'Sales', 'Servers', 'Lab'];
const EXPOSURE = ['None', 'Low', 'Medium', 'High'];
const RISK = ['Informational', 'Low', 'Medium', 'High'];

/** The machine id of device `index`: 40 hex digits, as Defender's are. */
export const machineIdOf = (index) => `be0c${index.toString(16).padStart(36, '0')}`;

/** The name of device `index`: wks-00000.contoso.com … */
export const deviceNameOf = (index) => `wks-${String(index).padStart(5, '0')}.contoso.com`;

/**
 * `size` machine entities (https://learn.microsoft.com/defender-endpoint/api/machine), in name
 * order, as GET /api/machines answers them: the objects, not text (each answer is a page of them).
 */
export function fleet(size) {
  const next = random(size + 1);
  const seenFrom = Date.UTC(2026, 10, 1);
  return Array.from({ length: size }, (_, index) => {
    const [osPlatform, osVersion, version] = PLATFORMS[index % PLATFORMS.length];
    return {
      id: machineIdOf(index),
      computerDnsName: deviceNameOf(index),
      firstSeen: '2024-03-01T09:00:00Z',
      lastSeen: new Date(seenFrom + Math.floor(next() * 30 * 86_400_000)).toISOString(),
      osPlatform,
      osVersion,
      version,
      osProcessor: 'x64',
      healthStatus: next() < 0.9 ? 'Active' : 'Inactive',
      onboardingStatus: 'Onboarded',
      riskScore: RISK[Math.floor(next() * RISK.length)],
      exposureLevel: EXPOSURE[Math.floor(next() * EXPOSURE.length)],
      rbacGroupName: GROUPS[index % GROUPS.length],
      rbacGroupId: 101 + (index % GROUPS.length),
      machineTags: index % 2 ? ['Amsterdam'] : ['Chicago', 'Production'],
      lastIpAddress: `10.0.${index >> 8}.${index & 255}`,
    };
  });
}

/** A device's getmissingkbs answer with `count` KBs: the software answer's shape, `machineMissedOn` 1. */
export function deviceMissingKbsAnswer(count) {
  const answer = JSON.parse(missingKbsAnswer(count));
  for (const kb of answer.value) kb.machineMissedOn = 1;
  return JSON.stringify(answer);
}

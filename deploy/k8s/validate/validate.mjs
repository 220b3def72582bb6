// Validates Kubernetes manifests offline against the schemas of the npm packages kubernetes-models (core kinds) and
// @kubernetes-models/keda (KEDA kinds). Usage: node validate.mjs FILE.yaml...
// Every document of a core or KEDA API group must validate; Strimzi and CloudNativePG documents are left to the Java
// tests (ManifestValidationTest); a document of any other group is an error, so nothing goes unchecked.
// The schemas let unknown fields through, so KEDA documents are also checked for fields their models do not declare
// (read from the packages' TypeScript declarations); core kinds get that check in Java (fabric8's models).
// Prints one line per problem and a summary; exits 1 when any document is invalid.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

const JAVA_CHECKED = new Set(["kafka.strimzi.io", "postgresql.cnpg.io"]);
const KEDA = new Set(["keda.sh", "eventing.keda.sh"]);

async function modelFor(apiVersion, kind) {
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  let module;
  try {
    if (KEDA.has(group)) {
      module = await import(`@kubernetes-models/keda/${group}/${version}`);
    } else if (!group.includes(".") || group.endsWith(".k8s.io")) {
      module = await import(group === "" ? `kubernetes-models/${version}` : `kubernetes-models/${group}/${version}`);
    } else {
      return undefined;
    }
  } catch {
    return null;
  }
  return module[kind] ?? null;
}

// ---- unknown-field check from the .d.ts declarations: `"name"?: Type;` lines of `export interface I... {` ----
const declarations = new Map();

function declaration(file) {
  if (!declarations.has(file)) {
    const text = readFileSync(file, "utf8");
    const imports = new Map();
    for (const m of text.matchAll(/import \{ ([^}]+) \} from "(\.[^"]+)";/g)) {
      for (const name of m[1].split(",").map(s => s.trim())) {
        imports.set(name, resolve(dirname(file), m[2].replace(/\.js$/, ".d.ts")));
      }
    }
    const alias = text.match(/export type I\w+ = (I\w+);/);
    if (alias && imports.has(alias[1])) {
      // `export type IAuthSecretTargetRef = I...AuthTargetRef;`: the fields are the aliased type's.
      declarations.set(file, declaration(imports.get(alias[1])));
      return declarations.get(file);
    }
    const body = text.match(/export interface \w+[^{]*\{\n([\s\S]*?)\n\}/);
    const props = new Map();
    for (const m of (body ? body[1] : "").matchAll(/^ {4}"([^"]+)"\??: (.*?);?$/gm)) {
      const type = m[2].replace(/^Array<(.*)>$/, "$1");
      // A model type declared beside this one is walked into; maps ({ [key: string]: ... }) and scalars are leaves.
      props.set(m[1], imports.get(type) ?? null);
    }
    declarations.set(file, props);
  }
  return declarations.get(file);
}

function unknownFields(value, file, path, out) {
  if (Array.isArray(value)) {
    value.forEach((v, i) => unknownFields(v, file, `${path}/${i}`, out));
    return;
  }
  if (value === null || typeof value !== "object") return;
  const props = declaration(file);
  for (const [key, v] of Object.entries(value)) {
    if (!props.has(key)) {
      out.push(`${path}/${key} is not a field of ${file.split("/").pop().replace(".d.ts", "")}`);
    } else if (props.get(key) && key !== "metadata") {
      unknownFields(v, props.get(key), `${path}/${key}`, out);
    }
  }
}

function kedaDeclaration(group, version, kind) {
  return fileURLToPath(import.meta.resolve(`@kubernetes-models/keda/${group}/${version}/${kind}`))
    .replace(/\.js$/, ".d.ts");
}

let valid = 0, skipped = 0, invalid = 0;
for (const file of process.argv.slice(2)) {
  const docs = parseAllDocuments(readFileSync(file, "utf8"));
  for (const [index, doc] of docs.entries()) {
    const where = `${file}#${index}`;
    if (doc.errors.length > 0) {
      console.log(`INVALID ${where}: YAML: ${doc.errors.map(e => e.message).join("; ")}`);
      invalid++;
      continue;
    }
    const data = doc.toJS();
    if (data == null) continue;
    const { apiVersion, kind } = data;
    const group = String(apiVersion ?? "").split("/").slice(0, -1).join("/");
    if (JAVA_CHECKED.has(group)) {
      skipped++;
      continue;
    }
    const Model = await modelFor(String(apiVersion), String(kind));
    if (!Model) {
      console.log(`INVALID ${where}: no schema for ${apiVersion} ${kind}`);
      invalid++;
      continue;
    }
    try {
      new Model(data).validate();
      if (KEDA.has(group)) {
        const unknown = [];
        unknownFields(data, kedaDeclaration(group, String(apiVersion).split("/")[1], kind), "data", unknown);
        if (unknown.length > 0) throw new Error(unknown.join(", "));
      }
      valid++;
    } catch (e) {
      console.log(`INVALID ${where} ${kind}/${data?.metadata?.name}: ${e.message}`);
      invalid++;
    }
  }
}
console.log(`validated ${valid + invalid} documents: ${valid} valid, ${invalid} invalid; ${skipped} left to the Java checks`);
process.exit(invalid > 0 ? 1 : 0);

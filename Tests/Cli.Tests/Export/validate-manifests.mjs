// Validates every YAML document of the .yaml files in a folder against the Kubernetes and KEDA schemas
// (kubernetes-models, @kubernetes-models/keda) and prints them all as JSON for the test to read:
//   node validate-manifests.mjs DIR  ->  {"documents":[{"file","object"}],"errors":["file: kind/name: message"]}
// Exit 0 when every document is valid, 1 when any is not (or cannot be read), 2 on usage errors.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";

const folder = process.argv[2];
if (!folder) {
  console.error("usage: node validate-manifests.mjs DIR");
  process.exit(2);
}

// apiVersion/kind -> the module whose class validates it.
const modules = {
  "v1/ConfigMap": "kubernetes-models/v1/ConfigMap",
  "v1/Secret": "kubernetes-models/v1/Secret",
  "v1/Service": "kubernetes-models/v1/Service",
  "apps/v1/Deployment": "kubernetes-models/apps/v1/Deployment",
  "policy/v1/PodDisruptionBudget": "kubernetes-models/policy/v1/PodDisruptionBudget",
  "keda.sh/v1alpha1/ScaledObject": "@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject",
};

const documents = [];
const errors = [];
const files = readdirSync(folder).filter((f) => f.endsWith(".yaml")).sort();
if (files.length === 0) {
  errors.push(`${folder}: no .yaml files`);
}

for (const file of files) {
  const parsed = parseAllDocuments(readFileSync(join(folder, file), "utf8"));
  for (const document of parsed) {
    if (document.errors.length > 0) {
      errors.push(`${file}: not YAML: ${document.errors.map((e) => e.message).join("; ")}`);
      continue;
    }

    const object = document.toJS();
    const key = `${object?.apiVersion}/${object?.kind}`;
    const where = `${file}: ${object?.kind}/${object?.metadata?.name}`;
    if (!modules[key]) {
      errors.push(`${where}: no schema for ${key}`);
      continue;
    }

    const name = key.split("/").pop();
    const model = (await import(modules[key]))[name];
    try {
      new model(object).validate();
    } catch (e) {
      errors.push(`${where}: ${e.message}`);
    }

    documents.push({ file, object });
  }
}

console.log(JSON.stringify({ documents, errors }));
process.exit(errors.length === 0 ? 0 : 1);

import { build } from "esbuild";
import { gzipSync } from "node:zlib";
const entry = process.argv[2];
const out = await build({ stdin: { contents: entry, resolveDir: "/work/main", loader: "ts" }, bundle: true, minify: true, format: "esm", platform: "browser", target: "es2022", write: false, metafile: true, logLevel: "silent", legalComments: "none", splitting: process.argv[3]==="split", outdir: "/tmp/szout" });
for (const f of out.outputFiles) console.log(f.path.split("/").pop(), f.contents.byteLength, gzipSync(f.contents, { level: 9 }).byteLength);
const o = Object.values(out.metafile.outputs)[0];
console.log(Object.entries(o.inputs).sort((a,b)=>b[1].bytesInOutput-a[1].bytesInOutput).map(([k,v])=>k+" "+v.bytesInOutput).join("\n"));

import { build } from "esbuild";
const out = await build({ stdin: { contents: process.argv[2], resolveDir: "/work/main", loader: "ts" }, bundle: true, splitting: true, minify: true, format: "esm", platform: "browser", target: "es2022", write: false, tsconfigRaw: {}, metafile: true, logLevel: "silent", outdir: "/tmp/szout2" });
for (const [name, o] of Object.entries(out.metafile.outputs)) console.log(name, o.bytes, JSON.stringify(o.imports), Object.keys(o.inputs).join(","));

// Entry point: the `gaichel` command (server and CLI). The only module that reads process.env.
import { runCli } from "./cli/index.ts";

process.exitCode = await runCli(process.argv.slice(2), process.env);

export * from "./int64-json.js";

export { createLogger, type Logger, type LoggerOptions, type LoggerProblem, type LoggerStats } from "./create-logger.js";
export { uuidv7 } from "./uuidv7.js";

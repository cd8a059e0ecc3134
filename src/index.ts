/**
 * roma-fdi: a typed client for ROMA Connect's data-integration (FDI)
 * "query a task" operation.
 */
export { createRomaClient } from "./client.js";
export type { CallLimits, GetTaskOptions, GetTaskParams, RomaClient, RomaClientOptions } from "./client.js";
export type { AkSkAuth, RomaAuth, TokenAuth } from "./auth/credentials.js";
export { computeSignature } from "./auth/lazy-signer.js";
export type { SignedRequestParts, SigningInput } from "./auth/sign.js";
export type { EndpointOptions } from "./endpoint.js";
export {
  isRomaError,
  MAX_KEPT_BODY_CHARS,
  RomaApiError,
  RomaError,
  RomaInputError,
  RomaNetworkError,
  RomaResponseError,
  RomaTimeoutError,
} from "./errors.js";
export type { AnyRomaError, ApiErrorDetails, RequestSummary, RomaErrorKind } from "./errors.js";
export { parseTaskDetail } from "./task-detail.js";
export { REGIONS, DEFAULT_REGION } from "../generated/client.js";
export type { Region } from "../generated/client.js";
export type {
  ColumnMapping,
  ErrorBody,
  ExecuteStatus,
  SelectedColumn,
  ShowTaskResponse,
  SourceSelection,
  TargetSelection,
  Task,
  TaskDetail,
  TaskStatus,
  TaskType,
} from "../generated/schema.js";

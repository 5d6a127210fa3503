export type { SagaContext, SagaDefinition, SagaState, SagaStatus, SagaStep } from "./defineSaga.ts";
export { defineSaga, SagaStepFailed } from "./defineSaga.ts";
export { inIdempotentSagaTransaction } from "./idempotentSaga.ts";
export type { PaidPurchaseSteps, PaymentRequester } from "./paymentSaga.ts";
export { definePaidPurchaseSaga, paymentReplyHandlers, TAKE_PAYMENT_STEP } from "./paymentSaga.ts";
export type { ReplyOutcome, SagaReply, SagaTransactionDb } from "./sagaRunner.ts";
export {
  abortSaga,
  collectingSagaContext,
  expireOverdueSagas,
  inSagaTransaction,
  resumeSaga,
  startSaga,
} from "./sagaRunner.ts";
export { startSagaTimeoutSweeper } from "./sagaSweeper.ts";
export { lockSaga, readSaga, SAGA_TABLE_SQL } from "./sagaTable.ts";

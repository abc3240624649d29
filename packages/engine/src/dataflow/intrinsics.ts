/** Intrinsic functions (JSONPath mode): one entry point for the interpreter and the validator. */
export {
  parseIntrinsic,
  looksLikeIntrinsic,
  IntrinsicSyntaxError,
  INTRINSIC_NAMES,
  MAX_INTRINSIC_NESTING,
  INTRINSIC_ARITY,
  checkIntrinsicArity,
  type IntrinsicCall,
  type IntrinsicArgument,
  type IntrinsicName,
} from './intrinsics/parse.ts';
export { evaluateIntrinsic, type IntrinsicContext } from './intrinsics/functions.ts';

import { validateDefinition } from '@stepwise/engine';

const text = `{
  "StartAt": "First",
  "States": {
    "First": { "Type": "Pass", "Next": "Second" }
  }
}`;

export const { valid, diagnostics } = validateDefinition(text);
// valid === false; diagnostics[0] points at /States/First/Next, line 4, with code MISSING_TRANSITION_TARGET

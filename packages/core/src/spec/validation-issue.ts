/** Why a value was refused; stable, so UIs and translations can key on it. */
export type ValidationCode =
  | 'required'
  | 'invalid_type'
  | 'too_small'
  | 'too_big'
  | 'too_short'
  | 'too_long'
  | 'blank'
  | 'not_integer'
  | 'unsafe_integer'
  | 'not_step'
  | 'invalid_value'
  | 'unknown_field'
  | 'server_only'
  | 'incomplete_pair'
  | 'unsupported_dimensions'
  | 'resolution_with_dimensions'
  | 'size_required'
  | 'ttl_requires_url'
  | 'invalid_image'
  | 'image_type'
  | 'image_too_large'
  | 'image_too_small_sides'
  | 'image_too_large_sides'
  | 'invalid_json';

export type IssueParams = Readonly<Record<string, string | number>>;

/** One broken rule. `path` names the field in dotted form, e.g. `positivePrompt`, `safety.mode`. */
export interface ValidationIssue {
  readonly path: string;
  readonly code: ValidationCode;
  readonly message: string;
  readonly params?: IssueParams;
}

/** Builds the text for an issue; pass your own to translate. */
export type IssueMessageFormatter = (code: ValidationCode, path: string, params: IssueParams) => string | undefined;

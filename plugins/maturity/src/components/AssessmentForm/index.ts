export { AssessmentForm } from './AssessmentForm';
export type { AssessmentFormProps } from './AssessmentForm';

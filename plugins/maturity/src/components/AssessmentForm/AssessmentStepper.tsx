import { MaturityModel } from '@cnmm/backstage-plugin-maturity-common';
import { Step, StepButton, StepLabel, Stepper } from '@material-ui/core';

/** One step per dimension and a final one to review and save; any can be opened. */
export function AssessmentStepper(props: {
  model: MaturityModel;
  step: number;
  stepsWithErrors: ReadonlySet<number>;
  onStep: (step: number) => void;
}) {
  const { model, step, stepsWithErrors, onStep } = props;
  const reviewStep = model.dimensions.length;
  return (
    <Stepper nonLinear activeStep={step} alternativeLabel>
      {model.dimensions.map((d, i) => (
        <Step key={d.id}>
          <StepButton onClick={() => onStep(i)}>
            <StepLabel error={stepsWithErrors.has(i)}>{d.title}</StepLabel>
          </StepButton>
        </Step>
      ))}
      <Step>
        <StepButton onClick={() => onStep(reviewStep)}>
          <StepLabel error={stepsWithErrors.has(reviewStep)}>
            Review and save
          </StepLabel>
        </StepButton>
      </Step>
    </Stepper>
  );
}

import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  MaturityModel,
  Rating,
  StoredAssessment,
} from '@cnmm/backstage-plugin-maturity-common';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Step,
  StepButton,
  StepLabel,
  Stepper,
  TextField,
  Typography,
} from '@material-ui/core';
import { Alert, AlertTitle } from '@material-ui/lab';
import {
  KeyboardEvent,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { maturityApiRef } from '../../api/MaturityApi';
import { invalidateCatalogMaturity } from '../CatalogMaturity/loader';
import { responseStatus, serverMessage } from '../shared';
import {
  Draft,
  draftFrom,
  errorsFromServerMessage,
  FieldErrors,
  toSubmission,
  topicOfKey,
  validate,
} from './formState';
import { discardDraft, loadDraft, storeDraft } from './draftStorage';
import { changesBetween, ratingsForLevel } from './quickFill';
import { ReviewChanges } from './ReviewChanges';
import { TopicEditor } from './TopicEditor';

type Problem =
  | { kind: 'conflict' }
  | { kind: 'invalid'; message: string; details?: string[] }
  | { kind: 'error'; message: string };

/** @public */
export interface AssessmentFormProps {
  model: MaturityModel;
  entityRef: string;
  /** The snapshot the new one starts from; none for a first assessment. */
  base?: StoredAssessment;
  onSaved: (assessment: StoredAssessment) => void;
  onCancel: () => void;
}

function without(errors: FieldErrors, prefix: string): FieldErrors {
  const keys = Object.keys(errors).filter(
    k => k === prefix || k.startsWith(`${prefix}/`),
  );
  if (!keys.length) return errors;
  const next = { ...errors };
  keys.forEach(k => delete next[k]);
  return next;
}

/** A new snapshot, one step per dimension, sent with the revision it started from. */
export function AssessmentForm(props: AssessmentFormProps) {
  const { model, entityRef, onSaved, onCancel } = props;
  const api = useApi(maturityApiRef);
  const [base, setBase] = useState(props.base);
  const [initial, setInitial] = useState(() => draftFrom(props.base));
  const [restored] = useState(() =>
    loadDraft(entityRef, props.base?.revision ?? 0),
  );
  const [draft, setDraft] = useState<Draft>(restored ?? initial);
  const [step, setStep] = useState(0);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState<'saving' | 'reloading'>();
  const [confirmLeave, setConfirmLeave] = useState(false);
  const stepRef = useRef<HTMLDivElement>(null);
  const actionRef = useRef<HTMLButtonElement>(null);

  const baseRevision = base?.revision ?? 0;
  const commentStep = model.dimensions.length;
  const dirty = useMemo(
    () =>
      JSON.stringify(toSubmission(draft, 0).submission) !==
      JSON.stringify(toSubmission(initial, 0).submission),
    [draft, initial],
  );

  // Kept in the browser so that a reload or a closed tab loses nothing.
  useEffect(() => {
    if (dirty) storeDraft(entityRef, baseRevision, draft);
    else discardDraft(entityRef);
  }, [entityRef, baseRevision, draft, dirty]);

  const changes = useMemo(
    () => changesBetween(model, initial, draft),
    [model, initial, draft],
  );

  useEffect(() => {
    if (!dirty) return undefined;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers only ask when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  // Keyboard use: each step starts at its first "Set level", Enter there
  // moves on to the next one and, after the last, to the step's main action.
  useEffect(() => {
    // After the step's buttons are mounted: a Material UI button focused
    // while mounting has no ripple yet and throws.
    const timer = setTimeout(() => {
      const first =
        stepRef.current?.querySelector<HTMLElement>('[data-set-level]');
      (first ?? actionRef.current)?.focus();
    }, 0);
    return () => clearTimeout(timer);
  }, [step]);

  const onStepKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    if (event.key !== 'Enter' || !target.dataset.setLevel) return;
    event.preventDefault();
    const all = Array.from(
      stepRef.current?.querySelectorAll<HTMLElement>('[data-set-level]') ?? [],
    );
    (all[all.indexOf(target) + 1] ?? actionRef.current)?.focus();
  };

  const stepOfTopic = useMemo(() => {
    const steps = new Map<string, number>();
    model.dimensions.forEach((d, i) =>
      d.topics.forEach(t => steps.set(t.id, i)),
    );
    return steps;
  }, [model]);

  const stepsWithErrors = useMemo(() => {
    const steps = new Set<number>();
    for (const key of Object.keys(fieldErrors)) {
      const topic = topicOfKey(key);
      steps.add(topic ? stepOfTopic.get(topic) ?? commentStep : commentStep);
    }
    return steps;
  }, [fieldErrors, stepOfTopic, commentStep]);

  const showErrors = (errors: FieldErrors) => {
    setFieldErrors(errors);
    const first = Object.keys(errors)[0];
    if (first !== undefined) {
      const topic = topicOfKey(first);
      setStep(topic ? stepOfTopic.get(topic) ?? commentStep : commentStep);
    }
  };

  const onRating = useCallback(
    (topicId: string, level: number, rating: Rating | undefined) => {
      setDraft(d => {
        const levels = { ...d.ratings[topicId] };
        if (rating) levels[String(level)] = rating;
        else delete levels[String(level)];
        return { ...d, ratings: { ...d.ratings, [topicId]: levels } };
      });
      setFieldErrors(e => without(e, `ratings/${topicId}`));
    },
    [],
  );
  const onSetLevel = useCallback(
    (topicId: string, level: number) => {
      const topic = model.dimensions
        .flatMap(d => d.topics)
        .find(t => t.id === topicId);
      if (!topic) return;
      setDraft(d => ({
        ...d,
        ratings: { ...d.ratings, [topicId]: ratingsForLevel(topic, level) },
      }));
      setFieldErrors(e => without(e, `ratings/${topicId}`));
    },
    [model],
  );
  const onTarget = useCallback(
    (topicId: string, target: number | undefined) => {
      setDraft(d => {
        const targets = { ...d.targets };
        if (target === undefined) delete targets[topicId];
        else targets[topicId] = target;
        return { ...d, targets };
      });
      setFieldErrors(e => without(e, `targets/${topicId}`));
    },
    [],
  );
  const onNotes = useCallback((topicId: string, notes: string) => {
    setDraft(d => ({ ...d, notes: { ...d.notes, [topicId]: notes } }));
    setFieldErrors(e => without(e, `notes/${topicId}`));
  }, []);
  const onEvidence = useCallback((topicId: string, evidence: string[]) => {
    setDraft(d => ({ ...d, evidence: { ...d.evidence, [topicId]: evidence } }));
    setFieldErrors(e => without(e, `evidence/${topicId}`));
  }, []);

  const save = async () => {
    const { submission, evidenceIndex } = toSubmission(draft, baseRevision);
    const local = validate(model, submission, evidenceIndex);
    if (Object.keys(local.fieldErrors).length || local.general.length) {
      showErrors(local.fieldErrors);
      setProblem({
        kind: 'invalid',
        message:
          'Some fields need attention before the assessment can be saved.',
        details: local.general,
      });
      return;
    }
    setBusy('saving');
    setProblem(undefined);
    try {
      const stored = await api.submitAssessment(entityRef, submission);
      setBusy(undefined);
      discardDraft(entityRef);
      // The catalog's Maturity column shows the new level, not the one kept.
      invalidateCatalogMaturity(api, entityRef);
      onSaved(stored);
    } catch (error) {
      setBusy(undefined);
      const status = responseStatus(error);
      if (status === 409) {
        setProblem({ kind: 'conflict' });
      } else if (status === 400) {
        const message = serverMessage(error);
        showErrors(errorsFromServerMessage(model, message, evidenceIndex));
        setProblem({ kind: 'invalid', message });
      } else if (status === 403) {
        setProblem({
          kind: 'error',
          message:
            'You are not allowed to record an assessment for this entity.',
        });
      } else {
        setProblem({ kind: 'error', message: serverMessage(error) });
      }
    }
  };

  const reload = async () => {
    setBusy('reloading');
    try {
      const latest = await api.getAssessment(entityRef);
      const next = draftFrom(latest);
      setBase(latest);
      setInitial(next);
      setDraft(next);
      setFieldErrors({});
      setProblem(undefined);
    } catch (error) {
      setProblem({ kind: 'error', message: serverMessage(error) });
    } finally {
      setBusy(undefined);
    }
  };

  const discardAndLeave = () => {
    discardDraft(entityRef);
    onCancel();
  };
  const cancel = () => (dirty ? setConfirmLeave(true) : discardAndLeave());
  const restart = () => setDraft(initial);

  const dimension = model.dimensions[step];
  return (
    <InfoCard
      title={base ? 'Update assessment' : 'New assessment'}
      subheader={
        base
          ? `Starts from revision ${base.revision}. Saving records a new snapshot; earlier ones stay in the history.`
          : 'Rate each level of each topic; the level of a topic is the highest level met without a gap below it.'
      }
    >
      {restored && dirty && (
        <Box mb={2}>
          <Alert
            severity="info"
            action={
              <Button color="inherit" onClick={restart}>
                Start over
              </Button>
            }
          >
            Your unsaved changes from this browser are restored.
          </Alert>
        </Box>
      )}
      {problem?.kind === 'conflict' && (
        <Box mb={2}>
          <Alert
            severity="warning"
            action={
              <Button color="inherit" onClick={reload} disabled={!!busy}>
                Reload
              </Button>
            }
          >
            <AlertTitle>
              Someone else saved this assessment meanwhile
            </AlertTitle>
            Reload to continue from their version. The changes in this form are
            not saved and will be replaced.
          </Alert>
        </Box>
      )}
      {problem?.kind === 'invalid' && (
        <Box mb={2}>
          <Alert severity="error">
            {problem.message}
            {problem.details?.map(detail => (
              <div key={detail}>{detail}</div>
            ))}
          </Alert>
        </Box>
      )}
      {problem?.kind === 'error' && (
        <Box mb={2}>
          <Alert severity="error">{problem.message}</Alert>
        </Box>
      )}

      <Stepper nonLinear activeStep={step} alternativeLabel>
        {model.dimensions.map((d, i) => (
          <Step key={d.id}>
            <StepButton onClick={() => setStep(i)}>
              <StepLabel error={stepsWithErrors.has(i)}>{d.title}</StepLabel>
            </StepButton>
          </Step>
        ))}
        <Step>
          <StepButton onClick={() => setStep(commentStep)}>
            <StepLabel error={stepsWithErrors.has(commentStep)}>
              Review and save
            </StepLabel>
          </StepButton>
        </Step>
      </Stepper>

      {dimension ? (
        // The keys come from the "Set level" selects inside; the step itself
        // is not a control.
        // eslint-disable-next-line jsx-a11y/no-static-element-interactions
        <div ref={stepRef} onKeyDown={onStepKeyDown}>
          <Typography variant="h5" component="h2">
            {dimension.title}
          </Typography>
          <Box mb={2}>
            <Typography variant="body2" color="textSecondary">
              {dimension.overview}
            </Typography>
          </Box>
          {dimension.topics.map(topic => (
            <TopicEditor
              key={topic.id}
              model={model}
              topic={topic}
              ratings={draft.ratings[topic.id]}
              target={draft.targets[topic.id]}
              notes={draft.notes[topic.id]}
              evidence={draft.evidence[topic.id]}
              errors={fieldErrors}
              onRating={onRating}
              onSetLevel={onSetLevel}
              onTarget={onTarget}
              onNotes={onNotes}
              onEvidence={onEvidence}
            />
          ))}
        </div>
      ) : (
        <Box>
          <Typography variant="h5" component="h2">
            Review and save
          </Typography>
          <Box my={2}>
            <ReviewChanges
              model={model}
              changes={changes}
              baseRevision={baseRevision}
            />
          </Box>
          <TextField
            id="maturity-comment"
            label="Comment"
            placeholder="What changed, and why?"
            multiline
            minRows={3}
            fullWidth
            variant="outlined"
            value={draft.comment}
            onChange={event => {
              const comment = event.target.value;
              setDraft(d => ({ ...d, comment }));
              setFieldErrors(e => without(e, 'comment'));
            }}
            error={!!fieldErrors.comment}
            helperText={fieldErrors.comment}
          />
        </Box>
      )}

      <Box display="flex" justifyContent="space-between" mt={2}>
        <Button onClick={cancel} disabled={!!busy}>
          Cancel
        </Button>
        <Box display="flex" style={{ gap: 8 }}>
          <Button disabled={step === 0} onClick={() => setStep(step - 1)}>
            Back
          </Button>
          {step < commentStep ? (
            <>
              <Button
                ref={step < commentStep - 1 ? actionRef : undefined}
                onClick={() => setStep(step + 1)}
              >
                Next
              </Button>
              <Button
                ref={step === commentStep - 1 ? actionRef : undefined}
                variant="contained"
                color="primary"
                onClick={() => setStep(commentStep)}
              >
                Review changes
              </Button>
            </>
          ) : (
            <Button
              ref={actionRef}
              variant="contained"
              color="primary"
              onClick={save}
              disabled={!!busy}
            >
              {busy === 'saving' ? 'Saving…' : 'Save assessment'}
            </Button>
          )}
        </Box>
      </Box>

      <Dialog
        open={confirmLeave}
        onClose={() => setConfirmLeave(false)}
        aria-labelledby="maturity-leave-title"
      >
        <DialogTitle id="maturity-leave-title">
          Discard unsaved changes?
        </DialogTitle>
        <DialogContent>
          <DialogContentText>
            The changes in this form have not been saved and will be lost.
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirmLeave(false)}>Keep editing</Button>
          <Button color="secondary" onClick={discardAndLeave}>
            Discard changes
          </Button>
        </DialogActions>
      </Dialog>
    </InfoCard>
  );
}

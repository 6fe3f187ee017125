'use client';
import { createContext, useContext, useState, type ReactNode } from 'react';
import { Form } from 'tdesign-react';

const { FormItem } = Form;

/**
 * Lets a control inside a LabeledField say what is wrong with what was typed before the form is
 * sent (a date field's 「2025 年 2 月只有 28 天」), in the field's own message line.
 */
const FieldProblemContext = createContext<((problem: string | null) => void) | null>(null);

/** The reporter of the enclosing LabeledField, or null outside one. */
export function useFieldProblem(): ((problem: string | null) => void) | null {
  return useContext(FieldProblemContext);
}

/**
 * A form row whose visible label is a real <label> around the control (screen readers, e2e).
 * One message line: the form's error for the field, else what the control found wrong, else the hint.
 */
export function LabeledField(props: { name: string; label: string; required?: boolean; error?: string; hint?: string; children: ReactNode }) {
  const [problem, setProblem] = useState<string | null>(null);
  const error = props.error || problem || undefined;
  return (
    <FormItem name={props.name} status={error ? 'error' : undefined} tips={error ?? props.hint}>
      <label className="lr-field">
        <span className="lr-field__label">
          {props.label}
          {props.required && <span style={{ color: 'var(--td-error-color)', marginLeft: 4 }}>*</span>}
        </span>
        <FieldProblemContext.Provider value={setProblem}>{props.children}</FieldProblemContext.Provider>
      </label>
    </FormItem>
  );
}

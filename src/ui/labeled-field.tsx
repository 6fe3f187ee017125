'use client';
import type { ReactNode } from 'react';
import { Form } from 'tdesign-react';

const { FormItem } = Form;

/** A form row whose visible label is a real <label> around the control (screen readers, e2e). */
export function LabeledField(props: { name: string; label: string; required?: boolean; error?: string; hint?: string; children: ReactNode }) {
  return (
    <FormItem name={props.name} status={props.error ? 'error' : undefined} tips={props.error ?? props.hint}>
      <label className="lr-field">
        <span className="lr-field__label">
          {props.label}
          {props.required && <span style={{ color: 'var(--td-error-color)', marginLeft: 4 }}>*</span>}
        </span>
        {props.children}
      </label>
    </FormItem>
  );
}

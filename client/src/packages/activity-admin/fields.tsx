/** The activity form's fields: a label, the control, and the problem right below it (red, in words). */
import { Input, Picker, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './fields.css';

export function FieldError({ name, errors }: { name: string; errors: Record<string, string> }) {
  if (!errors[name]) return null;
  return (
    <View className='field-error' data-testid={`error-${name}`}>
      {errors[name]}
    </View>
  );
}

export function Field({ label, hint, name, errors, children, half }: { label: string; hint?: string; name: string; errors: Record<string, string>; children: ReactNode; half?: boolean }) {
  return (
    <View className={`aa-field ${half ? 'aa-half' : ''} ${errors[name] ? 'aa-bad' : ''}`}>
      <View className='aa-label'>{label}</View>
      {hint && <View className='aa-hint'>{hint}</View>}
      {children}
      <FieldError name={name} errors={errors} />
    </View>
  );
}

export function TextInput(p: { name: string; value: string; onChange: (v: string) => void; placeholder?: string; maxlength: number; type?: 'text' | 'number' }) {
  return (
    <Input
      className='input'
      data-testid={`aa-${p.name}`}
      type={p.type ?? 'text'}
      value={p.value}
      maxlength={p.maxlength}
      placeholder={p.placeholder}
      onInput={(e) => p.onChange(e.detail.value)}
    />
  );
}

/** A clock time (HH:MM) from the system's time picker. */
export function TimePick({ name, value, onChange }: { name: string; value: string; onChange: (v: string) => void }) {
  return (
    <Picker mode='time' value={value} onChange={(e) => onChange(String(e.detail.value))}>
      <View className='input aa-pick' data-testid={`aa-${name}`}>
        {value}
      </View>
    </Picker>
  );
}

/** One of a few choices as large chips. */
export function Chips<T extends string>({ name, value, options, onChange }: { name: string; value: T | null; options: { value: T; label: string }[]; onChange: (v: T) => void }) {
  return (
    <View className='row wrap aa-chips' data-testid={`aa-${name}`}>
      {options.map((o) => (
        <View key={o.value} className={`chip ${o.value === value ? 'chip-on' : ''}`} data-testid={`aa-${name}-${o.value}`} onClick={() => onChange(o.value)}>
          {o.label}
        </View>
      ))}
    </View>
  );
}

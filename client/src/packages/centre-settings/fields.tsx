/** The settings form's fields: each with its label, an optional hint and the problem at its path right below it. */
import { Input, Picker, Textarea, View } from '@tarojs/components';
import { type ReactNode, useEffect, useState } from 'react';

const tid = (path: string) => `field-${path}`;

/** The problem at a path, next to its field (red, in words). */
export function FieldError({ path, error }: { path: string; error?: string }) {
  if (!error) return null;
  return (
    <View className='field-error' data-testid={`error-${path}`}>
      {error}
    </View>
  );
}

function Labelled({ label, hint, path, error, children, half }: { label: string; hint?: string; path: string; error?: string; children: ReactNode; half?: boolean }) {
  return (
    <View className={`cs-field ${half ? 'cs-half' : ''} ${error ? 'cs-bad' : ''}`}>
      <View className='cs-label'>{label}</View>
      {hint && <View className='cs-hint'>{hint}</View>}
      {children}
      <FieldError path={path} error={error} />
    </View>
  );
}

interface Common {
  label: string;
  path: string;
  error?: string;
  hint?: string;
  half?: boolean;
}

export function TextField({ value, onChange, placeholder, maxlength = 80, ...c }: Common & { value: string; onChange: (v: string) => void; placeholder?: string; maxlength?: number }) {
  return (
    <Labelled {...c}>
      <Input className='input' data-testid={tid(c.path)} value={value} maxlength={maxlength} placeholder={placeholder} onInput={(e) => onChange(e.detail.value)} />
    </Labelled>
  );
}

const shown = (n: number) => (Number.isFinite(n) ? String(n) : '');

/** A whole number (or a percentage) typed freely: an empty box is NaN until filled, and the schema says so. */
export function NumField({ value, onChange, unit, ...c }: Common & { value: number; onChange: (v: number) => void; unit?: string }) {
  const [text, setText] = useState(shown(value));
  useEffect(() => {
    setText((t) => (Number(t) === value || (t.trim() === '' && Number.isNaN(value)) ? t : shown(value)));
  }, [value]);
  return (
    <Labelled {...c}>
      <View className='row'>
        <Input
          className='input cs-num'
          type='number'
          data-testid={tid(c.path)}
          value={text}
          maxlength={6}
          onInput={(e) => {
            const v = e.detail.value;
            setText(v);
            onChange(v.trim() === '' ? NaN : Number(v));
          }}
        />
        {unit && <View className='cs-unit'>{unit}</View>}
      </View>
    </Labelled>
  );
}

/** A clock time (HH:MM) from the system's time picker. */
export function TimeField({ value, onChange, ...c }: Common & { value: string; onChange: (v: string) => void }) {
  return (
    <Labelled {...c}>
      <Picker mode='time' value={value} onChange={(e) => onChange(String(e.detail.value))}>
        <View className='input cs-pick' data-testid={tid(c.path)}>
          {value || '请选择'}
        </View>
      </Picker>
    </Labelled>
  );
}

/** A date from the system's date picker, shown as 2026年12月24日. */
export function DateField({ value, onChange, ...c }: Common & { value: string; onChange: (v: string) => void }) {
  const words = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value.slice(0, 4)}年${Number(value.slice(5, 7))}月${Number(value.slice(8, 10))}日` : '请选择';
  return (
    <Labelled {...c}>
      <Picker mode='date' value={value} onChange={(e) => onChange(String(e.detail.value))}>
        <View className='input cs-pick' data-testid={tid(c.path)}>
          {words}
        </View>
      </Picker>
    </Labelled>
  );
}

/** One of a few choices as large chips. */
export function ChoiceField<T extends string | boolean | null>({ value, options, onChange, ...c }: Common & { value: T; options: { value: T; label: string }[]; onChange: (v: T) => void }) {
  return (
    <Labelled {...c}>
      <View className='row wrap' data-testid={tid(c.path)}>
        {options.map((o) => (
          <View key={String(o.value)} className={`chip ${o.value === value ? 'chip-on' : ''}`} data-testid={`${tid(c.path)}-${String(o.value)}`} onClick={() => onChange(o.value)}>
            {o.label}
          </View>
        ))}
      </View>
    </Labelled>
  );
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0];
const WEEKDAY_NAMES = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** Which days of the week (0 = 周日), each a chip to switch on or off. */
export function WeekdaysField({ value, onChange, ...c }: Common & { value: number[]; onChange: (v: number[]) => void }) {
  const toggle = (d: number) => onChange(value.includes(d) ? value.filter((x) => x !== d) : [...value, d].sort());
  return (
    <Labelled {...c}>
      <View className='row wrap' data-testid={tid(c.path)}>
        {WEEKDAYS.map((d) => (
          <View key={d} className={`chip cs-day ${value.includes(d) ? 'chip-on' : ''}`} onClick={() => toggle(d)}>
            {WEEKDAY_NAMES[d]}
          </View>
        ))}
      </View>
    </Labelled>
  );
}

/** A short list typed one item a line (what to bring). */
export function LinesField({ value, onChange, placeholder, ...c }: Common & { value: string[]; onChange: (v: string[]) => void; placeholder?: string }) {
  const [text, setText] = useState(value.join('\n'));
  useEffect(() => {
    setText((t) => (t.split('\n').map((x) => x.trim()).filter(Boolean).join('\n') === value.join('\n') ? t : value.join('\n')));
  }, [value]);
  return (
    <Labelled {...c}>
      <Textarea
        className='textarea'
        style={{ minHeight: '160px' }}
        data-testid={tid(c.path)}
        value={text}
        maxlength={400}
        placeholder={placeholder}
        onInput={(e) => {
          setText(e.detail.value);
          onChange(e.detail.value.split('\n').map((x) => x.trim()).filter(Boolean));
        }}
      />
    </Labelled>
  );
}

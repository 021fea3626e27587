import type { BoardSection } from './usePersonaView';

const SECTIONS: { id: BoardSection; label: string }[] = [
  { id: 'map', label: 'Empathy map' },
  { id: 'profile', label: 'Profile' },
  { id: 'journey', label: 'Journey' },
  { id: 'plan', label: 'Action plan' },
];

interface Props {
  section: BoardSection;
  onChange(section: BoardSection): void;
  isLarge: boolean;
}

/** Which part of the selected persona to show: empathy map, profile, journey or action plan. */
export function SectionSwitch({ section, onChange, isLarge }: Props) {
  return (
    <div role="group" aria-label="Show" className="flex flex-wrap gap-1 rounded-lg bg-slate-200 p-1">
      {SECTIONS.map(({ id, label }) => (
        <button
          key={id}
          type="button"
          aria-pressed={section === id}
          onClick={() => onChange(id)}
          className={`min-h-9 rounded-md px-3 font-semibold text-slate-800 aria-pressed:bg-white aria-pressed:text-slate-950 aria-pressed:shadow-sm ${isLarge ? 'text-lg' : 'text-sm'}`}
        >
          {label}
        </button>
      ))}
    </div>
  );
}

import type { ModelChoice } from '../hooks/useModelChoice';
import { optionLabel } from '../model/modelChoice';

/**
 * The contract's `select` named `Model`: every catalog model with its accuracy on real
 * handwriting and its size. Until the catalog is read it shows the one model being loaded.
 */
export function ModelPicker({ choice }: { readonly choice: ModelChoice }) {
  const { models, entry, choose } = choice;
  return (
    <select
      className="model-picker"
      aria-label="Model"
      title="Model: accuracy on real handwriting of writers it never saw, and download size"
      value={entry?.id ?? ''}
      onChange={(event) => choose(event.target.value)}
    >
      {entry === null && <option value="">Model…</option>}
      {models.map((model) => (
        <option key={model.id} value={model.id}>
          {optionLabel(model)}
        </option>
      ))}
    </select>
  );
}

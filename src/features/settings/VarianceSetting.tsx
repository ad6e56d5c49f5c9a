import { useSetVarianceRule, useVarianceRule } from '../../queries/store';
import { NumberSetting } from './NumberSetting';

/** The forecast variance rule: the overspend, as a share of a service's net budget, up to which it is Amber. */
export function VarianceSetting() {
  const rule = useVarianceRule();
  const save = useSetVarianceRule();
  return (
    <NumberSetting
      title="Forecast variance rule"
      action="Save rule"
      hint={<>Green: a service forecast on or under its net budget. Amber: an overspend of up to this share of the service&apos;s net budget. Red: more than that.</>}
      label="Amber up to (% of net budget)"
      value={rule.amberPercent}
      min={0}
      max={100}
      save={(v, done) => save.mutate({ amberPercent: v }, { onSuccess: done })}
      saving={save.isPending}
      saved={(v) => (save.isSuccess ? `Saved: Amber up to ${v}%.` : null)}
    />
  );
}

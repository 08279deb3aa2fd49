import { describe, expect, it } from 'vitest';
import { changes, fieldLabel, sentence, valueText } from '../../../web/src/admin/audit-text';
import { timeAgo } from '../../../web/src/admin/time';
import { removesActiveAdmin, statusAfter } from '../../../worker/members/admins';

describe('audit entries in words', () => {
  const update = {
    action: 'update',
    entity: 'member',
    entityId: 'm1',
    actorName: 'Ada Admin',
    before: { id: 'm1', role: 'member', status: 'active', version: 1, updatedAt: 'a', inviteTokenHash: 'x' },
    after: { id: 'm1', role: 'lead', status: 'active', version: 2, updatedAt: 'b', inviteTokenHash: 'x' },
  };

  it('lists only the fields that changed, old → new, without bookkeeping', () => {
    expect(changes(update)).toEqual([{ field: 'role', from: 'member', to: 'lead' }]);
  });

  it('a create lists the values set, skipping empty ones', () => {
    const create = { before: null, after: { id: 'h', title: 'Banner', channelId: 'c1', tags: [], audience: null } };
    expect(changes(create)).toEqual([
      { field: 'title', to: 'Banner' },
      { field: 'channel', to: 'c1' },
    ]);
  });

  it('shows a referenced record by its name, not its id', () => {
    const create = { before: null, after: { channelId: 'c1', metricId: 'gone' } };
    expect(changes(create, (id) => (id === 'c1' ? 'Paid search' : undefined))).toEqual([
      { field: 'channel', to: 'Paid search' },
      { field: 'metric', to: 'gone' },
    ]);
  });

  it('names the actor, the verb, the record type and the record', () => {
    expect(sentence(update, new Map([['m1', 'Mia Member']]))).toBe('Ada Admin changed the member “Mia Member”');
    expect(sentence({ ...update, action: 'revoke', entity: 'token', before: null, after: { name: 'Bot' } })).toBe(
      'Ada Admin revoked the API token “Bot”',
    );
    expect(sentence({ ...update, actorName: null, entity: 'cycle', after: { name: 'A/B' } })).toBe(
      'Someone changed the test “A/B”',
    );
    const built = { ...update, action: 'build', entity: 'review', actorName: null, actorType: 'system', after: {} };
    expect(sentence(built)).toBe('Hadi (on schedule) built the review');
  });

  it('writes values and field names in words', () => {
    expect(fieldLabel('costFormula')).toBe('cost formula');
    expect(valueText(null)).toBe('empty');
    expect(valueText(true)).toBe('yes');
    expect(valueText('2026-12-01T22:01:11.517Z')).not.toContain('T22'); // a moment, written as a local date and time
    expect(valueText('x'.repeat(100))).toHaveLength(80);
  });

  it('says when in words', () => {
    const now = Date.parse('2026-12-01T12:00:00Z');
    expect(timeAgo('2026-12-01T11:59:30Z', now)).toBe('just now');
    expect(timeAgo('2026-12-01T11:55:00Z', now)).toMatch(/5 minutes ago/);
    expect(timeAgo('2026-11-30T12:00:00Z', now)).toMatch(/yesterday|1 day ago/);
  });
});

describe('member status rules', () => {
  it('only demoting or disabling an active admin removes an admin', () => {
    const admin = { role: 'admin', status: 'active', inviteTokenHash: null };
    expect(removesActiveAdmin(admin, { role: 'lead' })).toBe(true);
    expect(removesActiveAdmin(admin, { status: 'disabled' })).toBe(true);
    expect(removesActiveAdmin(admin, { role: 'admin', status: 'active' })).toBe(false);
    expect(removesActiveAdmin({ ...admin, status: 'invited' }, { role: 'viewer' })).toBe(false);
    expect(removesActiveAdmin({ ...admin, role: 'lead' }, { status: 'disabled' })).toBe(false);
  });

  it('re-enabling someone who never joined makes them invited again', () => {
    expect(statusAfter({ role: 'member', status: 'disabled', inviteTokenHash: 'h' }, 'active')).toBe('invited');
    expect(statusAfter({ role: 'member', status: 'disabled', inviteTokenHash: null }, 'active')).toBe('active');
    expect(statusAfter({ role: 'member', status: 'active', inviteTokenHash: null }, undefined)).toBeUndefined();
  });
});

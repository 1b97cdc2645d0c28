using Ddl.Grains.Chains;
using Ddl.Ledger;

namespace Ddl.Grains.Prescriptions;

/// <summary>
/// The invariants of DOMAIN.md, judged against the prescription's state before anything is written:
/// never more than prescribed per issue, never more issues than repeats allow, never before the
/// minimum interval, never after cancellation or expiry, only pharmacies dispense, only the issuing
/// medical centre cancels, one pharmacy at a time, controlled-drug rules by schedule.
/// </summary>
public static class PrescriptionRules
{
    public const int MaxItems = 50;

    public static void Validate(PrescriptionState state, Submission s, SubmissionContext context, ControlledDrugRules rules)
    {
        var body = new BodyReader(s.Body);
        var at = context.RecordedAt;
        if (s.Type == PrescriptionEvents.Issued)
        {
            ValidateIssue(state, body, context, rules);
            return;
        }

        if (!state.IsIssued)
        {
            throw new LedgerException(ErrorCodes.NotIssued, "This prescription has not been issued.");
        }

        switch (s.Type)
        {
            case PrescriptionEvents.Claimed:
                RequirePharmacy(context);
                RequireDispensable(state, at, rules);
                RequireNoOtherClaim(state, s.Author, at, rules);
                if (state.AllItemsClosed)
                {
                    throw new LedgerException(ErrorCodes.ItemClosed, "Nothing is left to dispense on this prescription.");
                }

                break;
            case PrescriptionEvents.Released:
                RequirePharmacy(context);
                if (state.ClaimedBy != s.Author)
                {
                    throw new LedgerException(ErrorCodes.InvalidState, "Your pharmacy holds no claim on this prescription to release.");
                }

                break;
            case PrescriptionEvents.Dispensed:
                ValidateDispense(state, s.Author, body, context, rules);
                break;
            case PrescriptionEvents.NotDispensed:
                RequirePharmacy(context);
                RequireNoOtherClaim(state, s.Author, at, rules);
                var item = Item(state, body);
                RequireOpen(item, body.Integer("item", 0, MaxItems));
                body.Text("reason", 500);
                break;
            case PrescriptionEvents.Cancelled:
                ValidateCancel(state, s.Author, body);
                break;
            case PrescriptionEvents.Expired:
                if (!context.ByLedger(s))
                {
                    throw new LedgerException(ErrorCodes.Forbidden, "Only the ledger records an expiry, when the validity period ends.");
                }

                if (at < state.ValidUntil || state.Expired)
                {
                    throw new LedgerException(ErrorCodes.InvalidState, "The prescription is not due to expire.");
                }

                break;
            case PrescriptionEvents.Corrected:
                ValidateCorrection(state, s.Author, body);
                break;
            default:
                throw new LedgerException(ErrorCodes.UnknownEventType, $"A prescription chain does not take '{s.Type}' entries.");
        }
    }

    private static void ValidateIssue(PrescriptionState state, BodyReader body, SubmissionContext context, ControlledDrugRules rules)
    {
        if (state.IsIssued)
        {
            throw new LedgerException(ErrorCodes.InvalidState, "This prescription was already issued; issue a new one under a new id.");
        }

        if (context.AuthorKind != "medical_centre")
        {
            throw new LedgerException(ErrorCodes.Forbidden, "Only a medical centre issues prescriptions.");
        }

        body.ChainOf("patient", ChainKind.Patient);
        var from = body.OptionalTime("validFrom") ?? context.RecordedAt;
        var until = body.Time("validUntil");
        if (until <= from || until <= context.RecordedAt)
        {
            throw body.Invalid("validUntil", "must be after validFrom and in the future");
        }

        foreach (var reader in body.Objects("items", 1, MaxItems))
        {
            var item = PrescribedItem.Read(reader);
            if (item.Schedule is null)
            {
                continue;
            }

            if (!rules.Schedules.TryGetValue(item.Schedule, out var rule))
            {
                throw new LedgerException(ErrorCodes.ControlledDrugRule,
                    $"Controlled-drug schedule '{item.Schedule}' is not one this ledger knows ({string.Join(", ", rules.Schedules.Keys)}).");
            }

            if (rule.MaxRepeats is { } maxRepeats && item.Repeats > maxRepeats)
            {
                throw new LedgerException(ErrorCodes.ControlledDrugRule,
                    $"Schedule {item.Schedule} allows at most {maxRepeats} repeat(s); this item asks for {item.Repeats}.");
            }

            if (rule.MaxValidityDays is { } days && until > from.AddDays(days))
            {
                throw new LedgerException(ErrorCodes.ControlledDrugRule,
                    $"Schedule {item.Schedule} prescriptions are valid for at most {days} days.");
            }
        }
    }

    private static void ValidateDispense(PrescriptionState state, string pharmacy, BodyReader body, SubmissionContext context, ControlledDrugRules rules)
    {
        RequirePharmacy(context);
        var at = context.RecordedAt;
        RequireDispensable(state, at, rules);
        RequireNoOtherClaim(state, pharmacy, at, rules);
        var index = body.Integer("item", 0, MaxItems);
        var item = Item(state, body);
        RequireOpen(item, index);
        var issue = (int)body.Integer("issue", 1, 100);
        var quantity = body.Integer("quantity", 1, 1_000_000_000);
        var unit = body.Text("unit", 32);
        var product = Drug.Read(body.Nested("product"));
        body.OptionalText("batch", 64);
        if (body.OptionalTime("handedOverAt") is { } handedOver && handedOver > at.AddMinutes(5))
        {
            throw body.Invalid("handedOverAt", "cannot be in the future");
        }

        var open = item.OpenIssue;
        if (open is not null && issue != open.Number)
        {
            throw new LedgerException(ErrorCodes.WrongIssue, $"Issue {open.Number} of item {index} is still being dispensed; dispense against it, not issue {issue}.");
        }

        if (open is null)
        {
            if (item.Issues.Count >= item.Item.Issues)
            {
                throw new LedgerException(ErrorCodes.RepeatsExhausted, $"All {item.Item.Issues} issue(s) of item {index} have been dispensed.");
            }

            if (issue != item.Issues.Count + 1)
            {
                throw new LedgerException(ErrorCodes.WrongIssue, $"The next issue of item {index} is {item.Issues.Count + 1}, not {issue}.");
            }

            if (item.Issues.Count > 0 && at < item.Issues[^1].StartedAt.AddDays(item.Item.MinIntervalDays))
            {
                throw new LedgerException(ErrorCodes.TooEarly,
                    $"Issue {issue} of item {index} may not be dispensed before {LedgerTime.Format(item.Issues[^1].StartedAt.AddDays(item.Item.MinIntervalDays))} ({item.Item.MinIntervalDays} days after the previous issue).");
            }
        }

        if (unit != item.Item.Unit)
        {
            throw new LedgerException(ErrorCodes.UnitMismatch, $"Item {index} is prescribed in '{item.Item.Unit}', not '{unit}'.");
        }

        var left = item.Item.Quantity - (open?.Dispensed ?? 0);
        if (quantity > left)
        {
            throw new LedgerException(ErrorCodes.OverDispense,
                $"Only {left} {item.Item.Unit} remain on issue {issue} of item {index} ({item.Item.Drug.Name}); {quantity} cannot be dispensed.");
        }

        if (!item.Item.Substitution && !product.SameProductAs(item.Item.Drug))
        {
            throw new LedgerException(ErrorCodes.SubstitutionNotAllowed,
                $"Item {index} must be dispensed as prescribed ({item.Item.Drug.Name}); substitution is not allowed.");
        }
    }

    private static void ValidateCancel(PrescriptionState state, string author, BodyReader body)
    {
        if (author != state.Issuer)
        {
            throw new LedgerException(ErrorCodes.Forbidden, "Only the medical centre that issued a prescription can cancel it.");
        }

        if (state.Expired)
        {
            throw new LedgerException(ErrorCodes.PrescriptionExpired, "The prescription has expired; there is nothing left to cancel.");
        }

        body.Text("reason", 500);
        var indexes = body.OptionalIntegers("items", 0, state.Items.Count - 1) ?? Enumerable.Range(0, state.Items.Count).Select(i => (long)i).ToList();
        foreach (var i in indexes)
        {
            var item = state.Items[(int)i];
            if (item.IsFullyDispensed)
            {
                throw new LedgerException(ErrorCodes.AlreadyDispensed, $"Item {i} ({item.Item.Drug.Name}) is fully dispensed and cannot be cancelled.");
            }

            if (item.Cancelled)
            {
                throw new LedgerException(ErrorCodes.PrescriptionCancelled, $"Item {i} ({item.Item.Drug.Name}) is already cancelled.");
            }
        }
    }

    private static void ValidateCorrection(PrescriptionState state, string author, BodyReader body)
    {
        var target = body.Nested("corrects").Integer("seq", 0, long.MaxValue);
        body.Text("reason", 500);
        if (!state.Entries.TryGetValue(target, out var corrected))
        {
            throw new LedgerException(ErrorCodes.InvalidArgument, $"There is no entry {target} to correct.");
        }

        if (corrected.Author != author)
        {
            throw new LedgerException(ErrorCodes.Forbidden, "Only the author of an entry can correct it.");
        }

        if (body.OptionalInteger("quantity", 0, 1_000_000_000) is not { } quantity)
        {
            return;
        }

        if (!state.Dispenses.TryGetValue(target, out var dispense))
        {
            throw body.Invalid("quantity", "can only correct a dispensing");
        }

        var issue = state.Items[dispense.Item].Issues[dispense.Issue - 1];
        if (issue.Dispensed - dispense.Quantity + quantity > state.Items[dispense.Item].Item.Quantity)
        {
            throw new LedgerException(ErrorCodes.OverDispense, "The corrected quantity would exceed what was prescribed for that issue.");
        }
    }

    private static ItemState Item(PrescriptionState state, BodyReader body)
    {
        var index = body.Integer("item", 0, MaxItems);
        return index < state.Items.Count
            ? state.Items[(int)index]
            : throw body.Invalid("item", $"must name one of the {state.Items.Count} item(s)");
    }

    private static void RequireOpen(ItemState item, long index)
    {
        if (item.Cancelled)
        {
            throw new LedgerException(ErrorCodes.PrescriptionCancelled, $"Item {index} ({item.Item.Drug.Name}) was cancelled by the prescriber.");
        }

        if (item.NotDispensedReason is not null)
        {
            throw new LedgerException(ErrorCodes.ItemClosed, $"Item {index} was marked not dispensed: {item.NotDispensedReason}.");
        }

        if (item.IsFullyDispensed)
        {
            throw new LedgerException(ErrorCodes.RepeatsExhausted, $"All {item.Item.Issues} issue(s) of item {index} have been dispensed.");
        }
    }

    private static void RequirePharmacy(SubmissionContext context)
    {
        if (context.AuthorKind != "pharmacy")
        {
            throw new LedgerException(ErrorCodes.Forbidden, "Only a pharmacy dispenses, claims or releases prescriptions.");
        }
    }

    private static void RequireDispensable(PrescriptionState state, DateTimeOffset at, ControlledDrugRules rules)
    {
        if (state.Items.All(i => i.Cancelled))
        {
            throw new LedgerException(ErrorCodes.PrescriptionCancelled, "The prescriber cancelled this prescription.");
        }

        if (state.Expired || at >= state.ValidUntil)
        {
            throw new LedgerException(ErrorCodes.PrescriptionExpired, $"The prescription expired at {LedgerTime.Format(state.ValidUntil)}.");
        }

        if (at < state.ValidFrom)
        {
            throw new LedgerException(ErrorCodes.NotYetValid, $"The prescription is valid from {LedgerTime.Format(state.ValidFrom)}.");
        }

        foreach (var item in state.Items.Where(i => i.Item.Schedule is not null && !i.IsClosed))
        {
            if (rules.Schedules.TryGetValue(item.Item.Schedule!, out var rule) && rule.MaxValidityDays is { } days && at > state.ValidFrom.AddDays(days))
            {
                throw new LedgerException(ErrorCodes.PrescriptionExpired,
                    $"Schedule {item.Item.Schedule} prescriptions can be dispensed only within {days} days of {LedgerTime.Format(state.ValidFrom)}.");
            }
        }
    }

    private static void RequireNoOtherClaim(PrescriptionState state, string pharmacy, DateTimeOffset at, ControlledDrugRules rules)
    {
        if (state.ClaimHeldByOther(pharmacy, at, rules.ClaimTimeout))
        {
            throw new LedgerException(ErrorCodes.ClaimedByOtherPharmacy,
                "Another pharmacy is dispensing this prescription; it must release it first (or its claim must time out).");
        }
    }
}

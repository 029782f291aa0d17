using SaferCity.Core.Reminders;

namespace SaferCity.Integration.Tests.Email;

/// <summary>Tests know a digest by its name ("housing", "coordinator"); the ledger keys it by the leads list's item id.</summary>
internal static class LedgerLookup
{
    public static LedgerEntry? ForDigest(this ReminderLedger ledger, string digest) =>
        ledger.Entries.Values.SingleOrDefault(e => e.Digest == digest);
}

namespace BackgroundRoles.Jobs.Triggers.Internal;

/// <summary>Event ids of blob triggers: 5100-5129.</summary>
internal static class BlobTriggerEventIds
{
    public const int Starting = 5100;
    public const int Stopped = 5101;
    public const int ScanFailed = 5102;
    public const int Started = 5103;
    public const int Succeeded = 5104;
    public const int Failed = 5105;
    public const int Retrying = 5106;
    public const int Poisoned = 5107;
    public const int ClaimLost = 5108;
    public const int ReceiptNotWritten = 5109;
    public const int StatusNotWritten = 5110;
    public const int ReleasedOnStop = 5111;
    public const int Scanned = 5112;
    public const int CursorNotWritten = 5113;
    public const int ClaimFailed = 5114;
}

namespace BackgroundRoles.Export.Internal;

/// <summary>The cores and memory of the Cloud Services VM sizes, for a container's requests and limits.</summary>
internal static class VmSizes
{
    private static readonly Dictionary<string, (double Cores, int MemoryMiB)> Sizes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ExtraSmall"] = (1, 768),
        ["Small"] = (1, 1792),
        ["Medium"] = (2, 3584),
        ["Large"] = (4, 7168),
        ["ExtraLarge"] = (8, 14336),
        ["A5"] = (2, 14336),
        ["A6"] = (4, 28672),
        ["A7"] = (8, 57344),
        ["Standard_A1_v2"] = (1, 2048),
        ["Standard_A2_v2"] = (2, 4096),
        ["Standard_A4_v2"] = (4, 8192),
        ["Standard_A8_v2"] = (8, 16384),
        ["Standard_A2m_v2"] = (2, 16384),
        ["Standard_A4m_v2"] = (4, 32768),
        ["Standard_A8m_v2"] = (8, 65536),
        ["Standard_D1"] = (1, 3584),
        ["Standard_D2"] = (2, 7168),
        ["Standard_D3"] = (4, 14336),
        ["Standard_D4"] = (8, 28672),
        ["Standard_D11"] = (2, 14336),
        ["Standard_D12"] = (4, 28672),
        ["Standard_D13"] = (8, 57344),
        ["Standard_D14"] = (16, 114688),
        ["Standard_D1_v2"] = (1, 3584),
        ["Standard_D2_v2"] = (2, 7168),
        ["Standard_D3_v2"] = (4, 14336),
        ["Standard_D4_v2"] = (8, 28672),
        ["Standard_D5_v2"] = (16, 57344),
        ["Standard_D11_v2"] = (2, 14336),
        ["Standard_D12_v2"] = (4, 28672),
        ["Standard_D13_v2"] = (8, 57344),
        ["Standard_D14_v2"] = (16, 114688),
        ["Standard_D15_v2"] = (20, 143360),
    };

    /// <summary>The size's cores and memory; false for a size not in the table.</summary>
    public static bool TryFind(string size, out double cores, out int memoryMiB)
    {
        var found = Sizes.TryGetValue(size, out var known);
        (cores, memoryMiB) = known;
        return found;
    }
}

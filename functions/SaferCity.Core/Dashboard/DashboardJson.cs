using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SaferCity.Core.Dashboard;

public static class DashboardJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // Served as application/json and read with fetch(), never pasted into HTML, so readable text is safe.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static byte[] Serialize(DashboardDocument document) => JsonSerializer.SerializeToUtf8Bytes(document, Options);

    public static DashboardDocument? Deserialize(ReadOnlySpan<byte> json) => JsonSerializer.Deserialize<DashboardDocument>(json, Options);
}

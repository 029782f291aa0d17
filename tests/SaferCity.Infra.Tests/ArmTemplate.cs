using System.Text.Json;
using System.Text.RegularExpressions;

namespace SaferCity.Infra.Tests;

/// <summary>
/// main.bicep compiled to ARM JSON by the real Bicep compiler, with every resource at every depth of
/// its nested module deployments. Tests assert on what Azure would be sent, not on the Bicep source,
/// so a value routed to the wrong place (a role given to the wrong principal) is caught.
/// </summary>
internal sealed partial class ArmTemplate
{
    private static readonly Lazy<ArmTemplate> CompiledMain = new(() => Compile("main.bicep"));

    private ArmTemplate(JsonDocument document)
    {
        Document = document;
        Root = new Deployment("main", document.RootElement, null, null);
        Resources = Collect(Root).ToList();
    }

    /// <summary>main.bicep, compiled once per test run.</summary>
    public static ArmTemplate Main => CompiledMain.Value;

    public JsonDocument Document { get; }

    public Deployment Root { get; }

    /// <summary>Every resource in the template and in each module's nested template.</summary>
    public IReadOnlyList<ArmResource> Resources { get; }

    public IEnumerable<ArmResource> OfType(string type) =>
        Resources.Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase));

    public Deployment Module(string name) =>
        Resources.Where(r => r.Type == "Microsoft.Resources/deployments" && r.Json.GetProperty("name").GetString() == name)
            .Select(r => r.Nested!)
            .Single();

    private static ArmTemplate Compile(string file)
    {
        var result = BicepCompiler.Build(Path.Combine(InfraPaths.InfraDirectory, file));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"bicep build {file} exited {result.ExitCode}:\n{result.Output}");
        }

        return new ArmTemplate(JsonDocument.Parse(result.CompiledJson));
    }

    private static IEnumerable<ArmResource> Collect(Deployment deployment)
    {
        foreach (var json in deployment.ResourceElements())
        {
            var type = json.GetProperty("type").GetString() ?? "";
            Deployment? nested = null;
            if (type == "Microsoft.Resources/deployments"
                && json.GetProperty("properties").TryGetProperty("template", out var template))
            {
                nested = new Deployment(json.GetProperty("name").GetString() ?? "", template, deployment, json);
            }

            yield return new ArmResource(type, json.TryGetProperty("apiVersion", out var v) ? v.GetString() : null, json, deployment, nested);
            if (nested is not null)
            {
                foreach (var inner in Collect(nested))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>One template: main, or a module's nested template with the parameter values its parent passes.</summary>
    internal sealed partial class Deployment(string name, JsonElement template, Deployment? parent, JsonElement? deploymentResource)
    {
        public string Name { get; } = name;

        public JsonElement Template { get; } = template;

        public Deployment? Parent { get; } = parent;

        /// <summary>Template resources: an array, or an object keyed by symbolic name (languageVersion 2.0).</summary>
        public IEnumerable<JsonElement> ResourceElements()
        {
            var resources = Template.GetProperty("resources");
            return resources.ValueKind == JsonValueKind.Array
                ? resources.EnumerateArray()
                : resources.EnumerateObject().Select(p => p.Value);
        }

        /// <summary>
        /// A value in this template, written in the terms of main.bicep: each <c>parameters('x')</c> is replaced
        /// by what the parent passes (or the default), each <c>variables('y')</c> by its text, and each module
        /// output reference by <c>module('name').output</c>. Main's own parameters stay <c>parameters('x')</c>.
        /// </summary>
        public string Resolve(JsonElement value) => Simplify(ResolveRaw(value));

        public string Resolve(string expressionOrLiteral) => Simplify(ResolveText(expressionOrLiteral));

        private string ResolveRaw(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.String => ResolveText(value.GetString()!),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.Null => "null",
            _ => value.GetRawText(),
        };

        private string ResolveText(string text)
        {
            if (!(text.StartsWith('[') && text.EndsWith(']')) || text.StartsWith("[[", StringComparison.Ordinal))
            {
                return $"'{text}'";
            }

            var inner = text[1..^1];
            inner = VariableCall().Replace(inner, m => Variable(m.Groups[1].Value) ?? m.Value);
            return ParameterCall().Replace(inner, m => Parameter(m.Groups[1].Value) ?? m.Value);
        }

        private string? Variable(string name) =>
            Template.TryGetProperty("variables", out var variables) && variables.TryGetProperty(name, out var value)
                ? ResolveRaw(value)
                : null;

        private string? Parameter(string name)
        {
            if (Parent is null || deploymentResource is not { } resource)
            {
                return null; // main's own parameter: keep it by name
            }

            var given = resource.GetProperty("properties").GetProperty("parameters");
            if (given.ValueKind == JsonValueKind.Object && given.TryGetProperty(name, out var entry)
                && entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("value", out var passed))
            {
                return Parent.ResolveRaw(passed);
            }

            if (given.ValueKind == JsonValueKind.Object && given.TryGetProperty(name, out var whole)
                && whole.ValueKind == JsonValueKind.String)
            {
                // The whole parameter entry is an expression, e.g. if(c, createObject('value', a), createObject('value', b)).
                return Parent.ResolveRaw(whole);
            }

            return Template.GetProperty("parameters").GetProperty(name).TryGetProperty("defaultValue", out var fallback)
                ? ResolveRaw(fallback)
                : null;
        }

        private static string Simplify(string resolved) =>
            ModuleOutput().Replace(resolved, m => $"module('{m.Groups[1].Value}').{m.Groups[2].Value}");

        [GeneratedRegex(@"variables\('([^']+)'\)")]
        private static partial Regex VariableCall();

        [GeneratedRegex(@"parameters\('([^']+)'\)")]
        private static partial Regex ParameterCall();

        [GeneratedRegex(@"reference\(extensionResourceId\(.*?'Microsoft\.Resources/deployments', '([^']+)'\), '[^']+'\)\.outputs\.(\w+)\.value")]
        private static partial Regex ModuleOutput();
    }
}

/// <summary>A resource as compiled, with the template it sits in.</summary>
internal sealed record ArmResource(string Type, string? ApiVersion, JsonElement Json, ArmTemplate.Deployment In, ArmTemplate.Deployment? Nested)
{
    /// <summary>A property by dotted path (e.g. "properties.principalId"), resolved in main's terms; null when absent.</summary>
    public string? Resolve(string path)
    {
        var current = Json;
        foreach (var part in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current))
            {
                return null;
            }
        }

        return In.Resolve(current);
    }

    /// <summary>The deployment condition in main's terms, or "true" when the resource is unconditional.</summary>
    public string Condition => Resolve("condition") ?? "true";
}

using SaferCity.Core.Pipeline;

namespace SaferCity.Core.Tests.Architecture;

/// <summary>
/// Core's folders (one namespace each) depend on one another in one direction only, so each can be read, tested and
/// changed from the bottom up: the run model at the bottom, the orchestrator at the top.
/// </summary>
public sealed class FolderDependencyTests
{
    private const string Core = "SaferCity.Core.";

    /// <summary>The folder a Core type lives in: the namespace segment after SaferCity.Core.</summary>
    private static string? Folder(Type type) =>
        type.Namespace is { } ns && ns.StartsWith(Core, StringComparison.Ordinal) ? ns[Core.Length..].Split('.')[0] : null;

    /// <summary>Folder → the folders it uses, each with one example ("Type uses Type") for the failure message.</summary>
    private static Dictionary<string, Dictionary<string, string>> CoreGraph()
    {
        var graph = new Dictionary<string, Dictionary<string, string>>();
        foreach (var type in typeof(TrackerPipeline).Assembly.GetTypes())
        {
            if (Folder(type) is not { } from) continue;
            var edges = graph.TryGetValue(from, out var e) ? e : graph[from] = [];
            foreach (var used in TypeReferences.Of(type))
            {
                if (used.Assembly != type.Assembly || Folder(used) is not { } to || to == from) continue;
                edges.TryAdd(to, $"{Name(type)} uses {Name(used)}");
            }
        }
        return graph;
    }

    private static string Name(Type type) => type.DeclaringType is { } outer ? $"{Name(outer)}.{type.Name}" : type.Name;

    [Fact]
    public void CoreFolders_References_FormNoCycle()
    {
        var graph = CoreGraph();

        var cycles = FolderCycles.Find(graph.ToDictionary(g => g.Key, g => (IReadOnlyCollection<string>)g.Value.Keys));

        Assert.True(cycles.Count == 0, string.Join("\n", cycles.Select(c => string.Join(", ", c) + ":\n  " + string.Join("\n  ",
            c.SelectMany(a => c.Where(b => graph[a].ContainsKey(b)).Select(b => $"{a} -> {b} ({graph[a][b]})"))))));
    }

    [Fact]
    public void ModelFolder_References_NoOtherCoreFolder()
    {
        var graph = CoreGraph();

        Assert.Empty(graph["Model"].Select(e => $"Model -> {e.Key} ({e.Value})"));
    }

    [Fact]
    public void Find_TwoFoldersUsingEachOtherThroughAThird_ReportsTheCycleOnly()
    {
        var graph = new Dictionary<string, IReadOnlyCollection<string>>
        {
            ["Pipeline"] = ["Dashboard", "Model"],
            ["Dashboard"] = ["Wording", "Model"],
            ["Wording"] = ["Pipeline"],
            ["Model"] = [],
            ["Reading"] = ["Model"],
        };

        var cycles = FolderCycles.Find(graph);

        Assert.Equal(["Dashboard", "Pipeline", "Wording"], Assert.Single(cycles));
    }

    [Fact]
    public void Find_Layers_NoCycle()
    {
        var graph = new Dictionary<string, IReadOnlyCollection<string>>
        {
            ["Pipeline"] = ["Dashboard", "Reminders", "Model"], ["Dashboard"] = ["Model"], ["Reminders"] = ["Dashboard", "Model"], ["Model"] = [],
        };

        Assert.Empty(FolderCycles.Find(graph));
    }

    /// <summary>These tests stay fast and need nothing installed: no child process, no Azure adapter, no CLI.</summary>
    [Fact]
    public void CoreTests_References_NoProcessNoInfrastructureNoCli()
    {
        var tests = typeof(FolderDependencyTests).Assembly;
        var offending = tests.GetTypes()
            .SelectMany(t => TypeReferences.Of(t).Select(used => (t, used)))
            .Where(p => p.used.FullName == "System.Diagnostics.Process"
                || p.used.Assembly.GetName().Name is "SaferCity.Infrastructure" or "safercity")
            .Select(p => $"{Name(p.t)} uses {p.used.FullName}")
            .Distinct();

        Assert.Empty(offending);
    }
}

/// <summary>Cycles in a directed graph of folders: its strongly connected components of more than one folder (Tarjan).</summary>
internal static class FolderCycles
{
    public static IReadOnlyList<IReadOnlyList<string>> Find(IReadOnlyDictionary<string, IReadOnlyCollection<string>> graph)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var cycles = new List<IReadOnlyList<string>>();

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            foreach (var next in graph.TryGetValue(node, out var n) ? n : [])
            {
                if (!index.ContainsKey(next)) { Visit(next); low[node] = Math.Min(low[node], low[next]); }
                else if (stack.Contains(next)) low[node] = Math.Min(low[node], index[next]);
            }
            if (low[node] != index[node]) return;
            var component = new List<string>();
            string popped;
            do { popped = stack.Pop(); component.Add(popped); } while (popped != node);
            if (component.Count > 1) cycles.Add([.. component.Order(StringComparer.Ordinal)]);
        }

        foreach (var node in graph.Keys.Order(StringComparer.Ordinal))
            if (!index.ContainsKey(node)) Visit(node);
        return cycles;
    }
}

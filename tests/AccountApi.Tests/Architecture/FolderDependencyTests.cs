using System.Text.RegularExpressions;

namespace AccountApi.Tests.Architecture;

/// <summary>
/// The service's folders form layers: a folder may use another only if that one does not use it back, directly or
/// through others. A cycle means two decisions are tangled; a shared fact belongs to the lower folder.
/// </summary>
public sealed partial class FolderDependencyTests
{
    private static readonly string s_source = Path.Combine(Repository.Root, "src", "AccountApi");

    [Fact]
    public void ServiceFolders_UseEachOtherWithoutCycles()
    {
        var uses = FolderDependencies();

        var cycles = Cycles(uses);

        Assert.True(cycles.Count == 0, "Folders that use each other: " + string.Join("; ", cycles.Select(cycle => string.Join(" → ", cycle))));
    }

    [Fact]
    public void CycleFinder_FindsACycleThroughThreeFolders()
    {
        // The check itself: a cycle that no single pair of folders shows.
        var uses = new Dictionary<string, HashSet<string>>
        {
            ["Authentication"] = ["Revocation"],
            ["Revocation"] = ["Authorization"],
            ["Authorization"] = ["Authentication"],
            ["Accounts"] = ["Authorization"],
        };

        Assert.Equal([["Authorization", "Authentication", "Revocation", "Authorization"]], Cycles(uses));
    }

    // Folder (first path segment under src/AccountApi; "(root)" for files at the top) → folders it names in a using
    // directive or a qualified reference.
    private static Dictionary<string, HashSet<string>> FolderDependencies()
    {
        var uses = new Dictionary<string, HashSet<string>>();
        foreach (var file in Directory.EnumerateFiles(s_source, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(s_source, file).Split(Path.DirectorySeparatorChar);
            if (relative[0] is "bin" or "obj")
            {
                continue;
            }

            var folder = relative.Length > 1 ? relative[0] : "(root)";
            var used = uses.TryGetValue(folder, out var set) ? set : uses[folder] = [];
            foreach (var line in File.ReadLines(file).Where(line => !line.StartsWith("namespace ", StringComparison.Ordinal)))
            {
                foreach (Match reference in FolderReference().Matches(line))
                {
                    var target = reference.Groups["folder"].Value;
                    if (target != folder && Directory.Exists(Path.Combine(s_source, target)))
                    {
                        used.Add(target);
                    }
                }
            }
        }

        return uses;
    }

    private static List<List<string>> Cycles(Dictionary<string, HashSet<string>> uses)
    {
        var cycles = new List<List<string>>();
        var done = new HashSet<string>();
        var path = new List<string>();
        foreach (var folder in uses.Keys.Order(StringComparer.Ordinal))
        {
            Visit(folder);
        }

        return cycles;

        void Visit(string folder)
        {
            if (path.IndexOf(folder) is var start and >= 0)
            {
                cycles.Add([.. path[start..], folder]);
                return;
            }

            if (!done.Add(folder))
            {
                return;
            }

            path.Add(folder);
            foreach (var next in uses.GetValueOrDefault(folder, []).Order(StringComparer.Ordinal))
            {
                Visit(next);
            }

            path.RemoveAt(path.Count - 1);
        }
    }

    [GeneratedRegex(@"\bAccountApi\.(?<folder>[A-Z]\w*)\b")]
    private static partial Regex FolderReference();
}

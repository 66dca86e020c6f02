using System.Collections.Frozen;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Ini;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Configuration.Xml;

namespace AccountApi.Tenancy;

/// <summary>
/// Binds the <c>Tenancies</c> section in time linear in its keys, and reports every key it does not read.
/// </summary>
/// <remarks>
/// Not <c>ConfigurationBinder</c>: it asks every tenancy and every <c>DirectoryIds</c> list for its children, and each
/// such question scans all the keys of every provider, so binding grew with tenancies × keys (10,000 tenancies took
/// ~10 s, 100,000 had not bound after 15 minutes). It also drops, without a word, a tenancy whose <c>Suspended</c> it cannot convert.
/// Here one scan per provider lists the tenancies and counts their keys; a tenancy's settings are then looked up by
/// key, a dictionary lookup per provider. A tenancy with a key left unread (a misspelt setting, a gap in
/// <c>DirectoryIds</c>) is an error naming that key: a directory id skipped in silence would change who is admitted.
/// </remarks>
internal sealed class TenancySectionBinder
{
    // Naming an unread key scans its provider again; past this many, the tenancy is named instead, so that a mistake
    // repeated across 100,000 tenancies fails in seconds rather than in quadratic time.
    private const int MaxKeySearches = 20;

    private readonly List<Source> _sources;
    private readonly List<string> _errors;
    private int _keySearchesLeft = MaxKeySearches;

    private TenancySectionBinder(IConfigurationRoot root, List<string> errors)
    {
        _sources = [.. root.Providers.Select(Source.Scan)];
        _errors = errors;
    }

    /// <summary>Adds every tenancy to <paramref name="options"/>, and an error to its binding errors for every key it could not use.</summary>
    public static void Bind(TenancyOptions options, IConfiguration configuration)
    {
        if (configuration is not IConfigurationRoot root)
        {
            // A section has no providers of its own: read through one, as a source whose keys are checked one by one.
            using var wrapper = (ConfigurationRoot)new ConfigurationBuilder().AddConfiguration(configuration).Build();
            Bind(options, wrapper);
            return;
        }

        var binder = new TenancySectionBinder(root, options.BindingErrors);
        foreach (var source in binder._sources)
        {
            foreach (var name in source.KeysPerTenancy.Keys)
            {
                if (!options.Tenancies.ContainsKey(name))
                {
                    // Kept even with nothing bindable ("DirectoryIds": []), so that validation reports it.
                    options.Tenancies[name] = binder.Read(name);
                }
            }
        }
    }

    private TenancyDefinition Read(string name)
    {
        var path = $"{TenancyOptions.SectionName}:{name}";
        var keys = new TenancyKeys(path, [.. _sources.Where(source => source.KeysPerTenancy.ContainsKey(name))]);
        if (!string.IsNullOrEmpty(keys.Find(path)))
        {
            _errors.Add($"{path} must be a section (DisplayName, DirectoryIds, Suspended), not a single value.");
        }

        var definition = new TenancyDefinition { DisplayName = keys.Find($"{path}:DisplayName") };
        if (keys.Find($"{path}:Suspended") is { } suspended)
        {
            if (bool.TryParse(suspended, out var isSuspended))
            {
                definition.Suspended = isSuspended;
            }
            else
            {
                _errors.Add($"{path}:Suspended '{suspended}' must be true or false.");
            }
        }

        // "DirectoryIds": [] gives the list's own key an empty value; any other value would be a list written as one id.
        if (!string.IsNullOrEmpty(keys.Find($"{path}:DirectoryIds")))
        {
            _errors.Add($"{path}:DirectoryIds must be a list (DirectoryIds:0, DirectoryIds:1, …), not a single value.");
        }

        for (var i = 0; keys.TryFind($"{path}:DirectoryIds:{i}", out var directoryId); i++)
        {
            definition.DirectoryIds.Add(directoryId ?? "");
        }

        ReportUnreadKeys(keys, name);
        return definition;
    }

    private void ReportUnreadKeys(TenancyKeys keys, string name)
    {
        for (var i = 0; i < keys.Sources.Length; i++)
        {
            var source = keys.Sources[i];
            var unread = source.KeysPerTenancy.GetValueOrDefault(name) - keys.KeysReadFrom(i);
            if (source.CountsKeys && unread == 0)
            {
                continue;
            }

            var unreadKeys = source.CountsKeys && _keySearchesLeft-- <= 0 ? [] : UnreadKeys(source.Provider, keys);
            foreach (var key in unreadKeys)
            {
                _errors.Add(key.StartsWith($"{keys.Path}:DirectoryIds:", StringComparison.OrdinalIgnoreCase)
                    ? $"{key} would be ignored: DirectoryIds must be numbered 0, 1, 2, … without gaps. Source: {source.Provider}."
                    : $"{key} is not a tenancy setting (DisplayName, DirectoryIds, Suspended). Source: {source.Provider}.");
            }

            if (source.CountsKeys && unreadKeys.Count == 0)
            {
                _errors.Add($"{keys.Path} has {unread} key(s) that are not DisplayName, Suspended or DirectoryIds numbered 0, 1, 2, … without gaps. Source: {source.Provider}.");
            }
        }
    }

    /// <summary>The keys under the tenancy in <paramref name="provider"/> that were not read; a scan of the provider per level.</summary>
    private static List<string> UnreadKeys(IConfigurationProvider provider, TenancyKeys keys)
    {
        var read = keys.KeysRead.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unread = new List<string>();
        var parents = new Stack<string>([keys.Path]);
        while (parents.TryPop(out var parent))
        {
            foreach (var child in provider.GetChildKeys([], parent).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                var key = $"{parent}:{child}";
                if (!read.Contains(key) && provider.TryGet(key, out _))
                {
                    unread.Add(key);
                }

                parents.Push(key);
            }
        }

        unread.Sort(ConfigurationKeyComparer.Instance);
        return unread;
    }

    /// <summary>A provider, and how many of its keys lie under each tenancy, from one scan.</summary>
    private sealed record Source(IConfigurationProvider Provider, Dictionary<string, int> KeysPerTenancy, bool CountsKeys)
    {
        public static Source Scan(IConfigurationProvider provider)
        {
            var keysPerTenancy = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            foreach (var name in provider.GetChildKeys([], TenancyOptions.SectionName))
            {
                keysPerTenancy[name] = keysPerTenancy.GetValueOrDefault(name) + 1;
            }

            return new Source(provider, keysPerTenancy, s_countingProviders.Contains(provider.GetType()));
        }

        // ConfigurationProvider.GetChildKeys returns one name per key under the parent (ConfigurationRoot, not the
        // provider, removes duplicates), so the scan counts keys. These framework providers use it as it is. Any other
        // may override it (ChainedConfigurationProvider does) and not count: its tenancies are checked key by key,
        // slower but as sure. A list, not reflection on the provider's methods, which Native AOT does not keep.
        private static readonly FrozenSet<Type> s_countingProviders = FrozenSet.Create(
            typeof(JsonConfigurationProvider),
            typeof(XmlConfigurationProvider),
            typeof(IniConfigurationProvider),
            typeof(EnvironmentVariablesConfigurationProvider),
            typeof(CommandLineConfigurationProvider),
            typeof(MemoryConfigurationProvider));
    }

    /// <summary>One tenancy's keys in the sources that hold any: the keys read, and how many each source supplied.</summary>
    private sealed class TenancyKeys(string path, Source[] sources)
    {
        private readonly int[] _keysReadFrom = new int[sources.Length];
        private readonly List<string> _keysRead = [];

        public string Path => path;

        public Source[] Sources => sources;

        public IReadOnlyList<string> KeysRead => _keysRead;

        public int KeysReadFrom(int source) => _keysReadFrom[source];

        public string? Find(string key) => TryFind(key, out var value) ? value : null;

        /// <summary>The value from the last source that has the key, as <c>IConfiguration</c>'s indexer gives it.</summary>
        public bool TryFind(string key, out string? value)
        {
            _keysRead.Add(key);
            var found = false;
            value = null;
            for (var i = 0; i < sources.Length; i++)
            {
                if (sources[i].Provider.TryGet(key, out var sourceValue))
                {
                    (found, value) = (true, sourceValue);
                    _keysReadFrom[i]++;
                }
            }

            return found;
        }
    }
}

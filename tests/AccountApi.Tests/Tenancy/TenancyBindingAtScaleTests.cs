using System.Globalization;
using AccountApi.Tenancy;
using Microsoft.Extensions.Configuration;

namespace AccountApi.Tests.Tenancy;

/// <summary>
/// 100,000 tenancies, the figure the service must start with, bound to the right values. Correctness only: the
/// start-up time is measured by the benchmark (bench/run --tenancies 100000), not here.
/// </summary>
public sealed class TenancyBindingAtScaleTests
{
    private const int Count = 100_000;

    [Fact]
    public void Bind_With100000Tenancies_BindsEachToItsOwnSettings()
    {
        var options = Bind((i, settings) =>
        {
            if (i % 10 == 0)
            {
                settings[$"Tenancies:{Name(i)}:DirectoryIds:1"] = Directory(i + Count).ToString();
                settings[$"Tenancies:{Name(i)}:DisplayName"] = $"Tenancy {i}";
            }

            if (i % 7 == 0)
            {
                settings[$"Tenancies:{Name(i)}:Suspended"] = "true";
            }
        });

        var catalog = TenancyCatalog.TryCreate(options, out var errors);

        Assert.Empty(errors);
        Assert.NotNull(catalog);
        Assert.Equal(Count, catalog.Count);
        foreach (var i in new[] { 0, 1, 7, 10, 12_345, 70_000, Count - 1 })
        {
            var tenancy = catalog.Find(Name(i).ToUpperInvariant());
            Assert.NotNull(tenancy);
            Assert.Equal(i % 10 == 0 ? $"Tenancy {i}" : Name(i), tenancy.DisplayName);
            Assert.Equal(i % 7 == 0, tenancy.Suspended);
            Guid[] directories = i % 10 == 0 ? [Directory(i), Directory(i + Count)] : [Directory(i)];
            Assert.Equal(directories, tenancy.DirectoryIds.Order());
        }
    }

    [Fact]
    public void Bind_With100000TenanciesAndAMisspeltKeyInEveryHundredth_NamesEveryOneOfThem()
    {
        var options = Bind((i, settings) =>
        {
            if (i % 100 == 0)
            {
                settings[$"Tenancies:{Name(i)}:DirectoyIds:1"] = Directory(i + Count).ToString();
            }
        });

        TenancyCatalog.TryCreate(options, out var errors);

        // The first few name the key itself; the rest name the tenancy (finding each key would scan all keys again).
        Assert.Equal(Count / 100, errors.Count);
        Assert.All(errors.Select((error, n) => (error, n)), e => Assert.StartsWith($"Tenancies:{Name(e.n * 100)}", e.error, StringComparison.Ordinal));
        Assert.StartsWith($"Tenancies:{Name(0)}:DirectoyIds:1 ", errors[0], StringComparison.Ordinal);
    }

    /// <summary>Binds <see cref="Count"/> tenancies, each admitting its own directory, as <paramref name="vary"/> adds to some.</summary>
    private static TenancyOptions Bind(Action<int, Dictionary<string, string?>> vary)
    {
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < Count; i++)
        {
            settings[$"Tenancies:{Name(i)}:DirectoryIds:0"] = Directory(i).ToString();
            vary(i, settings);
        }

        return TenancyOptions.Bind(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
    }

    private static string Name(int i) => string.Create(CultureInfo.InvariantCulture, $"tenancy-{i:000000}");

    private static Guid Directory(int i) => new(i + 1, 0, 0x4000, [0x80, 0, 0, 0, 0, 0, 0, 1]);
}

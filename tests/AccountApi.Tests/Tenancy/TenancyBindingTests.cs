using System.Text;
using AccountApi.Tenancy;
using Microsoft.Extensions.Configuration;
using static AccountApi.Tests.Infrastructure.AccountApiFactory;

namespace AccountApi.Tests.Tenancy;

/// <summary>The <c>Tenancies</c> section as each configuration source writes it, and every key that cannot be used named.</summary>
public sealed class TenancyBindingTests
{
    private static readonly string s_contoso = ContosoDirectory.ToString();
    private static readonly string s_fabrikam = FabrikamDirectory.ToString();

    [Fact]
    public void Bind_FromMemory_ReadsEverySettingAndMatchesNamesInAnyCase()
    {
        var catalog = Catalog(Bind(builder => builder.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tenancies:Contoso:DisplayName"] = "Contoso Ltd",
            ["Tenancies:Contoso:DirectoryIds:0"] = s_contoso,
            ["Tenancies:Contoso:DirectoryIds:1"] = s_fabrikam,
            ["TENANCIES:northwind:DIRECTORYIDS:0"] = s_contoso,
            ["Tenancies:northwind:suspended"] = " True ",
        })));

        var contoso = catalog.Find("CONTOSO");
        Assert.NotNull(contoso);
        Assert.Equal("Contoso Ltd", contoso.DisplayName);
        Assert.True(contoso.Admits(ContosoDirectory) && contoso.Admits(FabrikamDirectory));
        var northwind = catalog.Find("Northwind");
        Assert.NotNull(northwind);
        Assert.True(northwind.Suspended);
        Assert.Equal("northwind", northwind.DisplayName);
    }

    [Fact]
    public void Bind_FromJson_KeepsATenancyWithAnEmptyListSoThatValidationReportsIt()
    {
        var options = Bind(builder => builder.AddJsonStream(Json($$"""
            { "Tenancies": { "contoso": { "DirectoryIds": [ "{{s_contoso}}" ] }, "globex": { "DirectoryIds": [] }, "initech": {} } }
            """)));

        Assert.Equal(["contoso", "globex", "initech"], options.Tenancies.Keys.Order());
        Assert.Empty(options.Tenancies["globex"].DirectoryIds);
        var errors = Errors(options);
        Assert.Contains(errors, error => error.StartsWith("Tenancies:globex:DirectoryIds must list", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.StartsWith("Tenancies:initech:DirectoryIds must list", StringComparison.Ordinal));
    }

    [Fact]
    public void Bind_FromEnvironmentVariables_ReadsDoubleUnderscoreKeys()
    {
        var prefix = $"ACCOUNTAPI_TEST_{Guid.NewGuid():N}_";
        string[] variables = [$"{prefix}Tenancies__contoso__DirectoryIds__0", $"{prefix}Tenancies__contoso__DirectoryIds__1", $"{prefix}Tenancies__contoso__Suspended"];
        try
        {
            Environment.SetEnvironmentVariable(variables[0], s_contoso);
            Environment.SetEnvironmentVariable(variables[1], s_fabrikam);
            Environment.SetEnvironmentVariable(variables[2], "true");

            var contoso = Bind(builder => builder.AddEnvironmentVariables(prefix)).Tenancies["contoso"];

            Assert.Equal([s_contoso, s_fabrikam], contoso.DirectoryIds);
            Assert.True(contoso.Suspended);
        }
        finally
        {
            Array.ForEach(variables, variable => Environment.SetEnvironmentVariable(variable, null));
        }
    }

    [Fact]
    public void Bind_AcrossSources_TakesEachKeyFromTheLastSourceThatHasIt()
    {
        // An override may replace one entry of a list and add another: a source's own gap (:1 without :0) is no gap.
        var options = Bind(builder => builder
            .AddJsonStream(Json($$"""{ "Tenancies": { "contoso": { "DisplayName": "Contoso", "DirectoryIds": [ "{{s_fabrikam}}" ] } } }"""))
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Tenancies:contoso:DisplayName"] = "Contoso Ltd",
                ["Tenancies:contoso:DirectoryIds:1"] = s_fabrikam,
            })
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Tenancies:CONTOSO:DirectoryIds:0"] = s_contoso }));

        var contoso = Assert.Single(options.Tenancies).Value;
        Assert.Equal("Contoso Ltd", contoso.DisplayName);
        Assert.Equal([s_contoso, s_fabrikam], contoso.DirectoryIds);
        Assert.Empty(Errors(options));
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("1")]
    [InlineData("yes")]
    public void Bind_WithSuspendedNotTrueOrFalse_ReportsTheKey(string value)
    {
        var errors = Errors(Bind(Memory(("Tenancies:contoso:DirectoryIds:0", s_contoso), ("Tenancies:contoso:Suspended", value))));

        Assert.Contains($"'{value}' at 'Tenancies:contoso:Suspended'", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DirectoyIds:0")]
    [InlineData("Suspend")]
    [InlineData("Roles:0")]
    public void Bind_WithAMisspeltSetting_ReportsTheTenancyAndTheSettingInsteadOfIgnoringIt(string setting)
    {
        var errors = Errors(Bind(Memory(("Tenancies:contoso:DirectoryIds:0", s_contoso), ("Tenancies:northwind:DirectoryIds:0", s_contoso), ($"Tenancies:northwind:{setting}", "true"))));

        var error = Assert.Single(errors, error => error.StartsWith("Tenancies:northwind: ", StringComparison.Ordinal));
        Assert.Contains($"'{setting.Split(':')[0]}'", error, StringComparison.Ordinal);
        Assert.DoesNotContain(errors, error => error.Contains("contoso", StringComparison.Ordinal));
    }

    [Fact]
    public void Bind_ThroughAChainedConfiguration_ReadsEveryDirectoryWrittenWithOrWithoutGaps()
    {
        var inner = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tenancies:contoso:DirectoryIds:0"] = s_contoso,
            ["Tenancies:contoso:DirectoryIds:2"] = s_fabrikam,
            ["Tenancies:fabrikam:DirectoryIds:0"] = s_fabrikam,
        }).Build();

        var options = Bind(builder => builder.AddConfiguration(inner));

        Assert.Equal([s_contoso, s_fabrikam], options.Tenancies["contoso"].DirectoryIds);
        Assert.Equal([s_fabrikam], options.Tenancies["fabrikam"].DirectoryIds);
        Assert.Empty(Errors(options));
    }

    [Fact]
    public void Bind_FromASection_ReadsTheTenanciesBeneathIt()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Service:Tenancies:contoso:DirectoryIds:0"] = s_contoso,
        }).Build();

        var options = TenancyOptions.Bind(configuration.GetSection("Service"));

        Assert.Equal([s_contoso], options.Tenancies["contoso"].DirectoryIds);
    }

    private static TenancyOptions Bind(Action<IConfigurationBuilder> configure)
    {
        var builder = new ConfigurationBuilder();
        configure(builder);
        return TenancyOptions.Bind(builder.Build());
    }

    private static Action<IConfigurationBuilder> Memory(params (string Key, string? Value)[] settings) =>
        builder => builder.AddInMemoryCollection(settings.Select(setting => KeyValuePair.Create(setting.Key, setting.Value)));

    private static MemoryStream Json(string json) => new(Encoding.UTF8.GetBytes(json));

    private static IReadOnlyList<string> Errors(TenancyOptions options)
    {
        TenancyCatalog.TryCreate(options, out var errors);
        return errors;
    }

    private static TenancyCatalog Catalog(TenancyOptions options) =>
        TenancyCatalog.TryCreate(options, out var errors) ?? throw new InvalidOperationException(string.Join(" ", errors));
}

using System.Reflection;
using Microsoft.Extensions.Logging;
using AccountApi.DevIdentity;

namespace AccountApi.DevHost.Tests.Logging;

/// <summary>Operators filter logs on event ids: one id names one event, in each assembly and across the development host's console.</summary>
public sealed class EventIdTests
{
    private static readonly Assembly[] s_assemblies =
    [
        typeof(AccountApi.AccountApiExtensions).Assembly,
        typeof(DevIdentityOptions).Assembly,
        typeof(DevelopmentHost).Assembly,
    ];

    [Fact]
    public void EveryLoggedEvent_HasAnIdOfItsOwn_AcrossTheServiceTheProviderAndTheHost()
    {
        var events = s_assemblies.SelectMany(LoggedEvents).ToList();

        var shared = events.GroupBy(e => e.Id).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(e => e.Name))}");

        Assert.Empty(shared);
        Assert.All(s_assemblies, assembly => Assert.NotEmpty(LoggedEvents(assembly)));
    }

    [Fact]
    public void TheRevocationAuditEvent_Keeps4001_TheIdTheDocsTellOperatorsToFilterOn()
    {
        var audit = s_assemblies.SelectMany(LoggedEvents).Single(e => e.Id == 4001);

        Assert.EndsWith("RevocationLog.SubjectRevoked", audit.Name, StringComparison.Ordinal);
    }

    private static IEnumerable<(int Id, string Name)> LoggedEvents(Assembly assembly) =>
        from type in assembly.GetTypes()
        from method in type.GetMethods(BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
        let logged = method.GetCustomAttribute<LoggerMessageAttribute>()
        where logged is not null
        select (logged.EventId, $"{type.FullName}.{method.Name}");
}

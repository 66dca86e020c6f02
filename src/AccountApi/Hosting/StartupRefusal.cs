using Microsoft.Extensions.Options;

namespace AccountApi.Hosting;

/// <summary>
/// Bad configuration ends start-up with one line on standard error that names the key and the fix, and exit code 1:
/// not an unhandled exception (exit code 134) whose stack trace buries the message.
/// </summary>
public static class StartupRefusal
{
    /// <summary>
    /// Runs the checks registered with <c>ValidateOnStart</c> now, before the host starts: started, the host would
    /// first log the failure with its stack trace ("Hosting failed to start").
    /// </summary>
    /// <exception cref="OptionsValidationException">A setting is invalid; the message names its key.</exception>
    public static void ValidateConfiguration(this IServiceProvider services) => services.GetService<IStartupValidator>()?.Validate();

    /// <summary>Validates the configuration; when it is invalid, writes the one line and returns false.</summary>
    public static bool HasValidConfiguration(this WebApplication app)
    {
        try
        {
            app.Services.ValidateConfiguration();
            return true;
        }
        catch (Exception failure) when (Describe(failure) is { } reason)
        {
            Report(app.Environment.ApplicationName, reason);
            return false;
        }
    }

    /// <summary>Runs the application; a start-up stopped by configuration (a registry it cannot open) is the same one line and exit code 1.</summary>
    public static int RunOrRefuse(this WebApplication app)
    {
        try
        {
            app.Run();
            return 0;
        }
        catch (Exception failure) when (Describe(failure) is { } reason)
        {
            Report(app.Environment.ApplicationName, reason);
            return 1;
        }
    }

    /// <summary>The configuration failures in <paramref name="failure"/>, each naming its key, or null for anything else (a bug keeps its stack trace).</summary>
    public static string? Describe(Exception failure) => failure switch
    {
        OptionsValidationException invalid => string.Join(" ", invalid.Failures),
        AggregateException { InnerExceptions: var inner } when inner.All(static e => e is OptionsValidationException) =>
            string.Join(" ", inner.SelectMany(static e => ((OptionsValidationException)e).Failures)),
        _ => null,
    };

    public static void Report(string application, string reason) => Console.Error.WriteLine($"{application} cannot start: {reason}");
}

using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AccountApi.Entra;
using AccountApi.RateLimiting;
using AccountApi.Refusals;
using AccountApi.Tenancy;
using AccountApi.TenancyRegistry;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.Net.Http.Headers;

namespace AccountApi.TenancyAdmin;

/// <summary>
/// <c>/admin/tenancies</c>: create, replace, read, list, delete and import tenancies, for an operator's application
/// (<see cref="TenancyManagerPolicy"/>). Writes are conditional on the <c>ETag</c> (<c>If-Match</c>, and
/// <c>If-None-Match: *</c> to create only), so two operators never overwrite each other silently.
/// </summary>
internal static class TenancyAdminEndpoints
{
    /// <summary>The largest tenancy document accepted.</summary>
    public const int MaxDocumentBytes = 16 * 1024;

    /// <summary>The largest import accepted (a million tenancies are about 100 MB of NDJSON).</summary>
    public const long MaxImportBytes = 1L << 30;

    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    private const string NdjsonMediaType = "application/x-ndjson";

    public static IEndpointRouteBuilder MapTenancyAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/admin/tenancies")
            .WithTags("Tenancies")
            .RequireAuthorization(TenancyManagerPolicy.Name)
            .WithoutTenancy()
            .WithMetadata(new OperatorRouteAttribute())
            .AddEndpointFilter(static (context, next) =>
            {
                context.HttpContext.Response.Headers.CacheControl = "no-store";
                return next(context);
            });
        var description = $"For an operator's application: an app-only token with the app role {TenancyManagerPolicy.Role} from one of Revocation:OperatorDirectories. No X-Tenant-ID.";

        group.MapPut("/{name}", PutAsync)
            .WithName("PutTenancy")
            .WithSummary("Creates or replaces a tenancy; in force on every instance within about a second.")
            // No Accepts metadata: it would route a body of another type past this endpoint, to a 403, instead of the 400 below.
            .WithDescription(description + " Body (application/json): {\"displayName\": string?, \"directoryIds\": [guid, …], \"suspended\": bool?, \"requiredRoles\": [app role, …]?, \"requiredAuthenticationContexts\": [\"c1\", …]?}. If-Match: the ETag of the version being replaced (412 when it is not the current one); If-None-Match: * to create only.")
            .Produces<TenancyResource>(StatusCodes.Status200OK)
            .Produces<TenancyResource>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/{name}", GetAsync)
            .WithName("GetTenancy")
            .WithSummary("A tenancy as the registry holds it, with its ETag.")
            .WithDescription(description)
            .Produces<TenancyResource>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapDelete("/{name}", DeleteAsync)
            .WithName("DeleteTenancy")
            .WithSummary("Deletes a tenancy: its callers are refused on every instance within about a second.")
            .WithDescription(description + " If-Match honoured.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/", ListAsync)
            .WithName("ListTenancies")
            .WithSummary("Tenancies in name order, a page at a time: pass the page's next as after.")
            .WithDescription(description + $" limit: 1 to {MaxPageSize}, default {DefaultPageSize}.")
            .Produces<TenancyPage>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/import", ImportAsync)
            .WithName("ImportTenancies")
            .WithSummary("Creates or replaces many tenancies in one transaction: one JSON tenancy per line (NDJSON), with its name.")
            .WithDescription(description + " Content-Type: application/x-ndjson. All or nothing: the first invalid line is named in a 400 and nothing is written.")
            .Produces<TenancyImportResult>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithMetadata(new RequestSizeLimitAttribute(MaxImportBytes));
        return endpoints;
    }

    internal static async Task<IResult> PutAsync(string name, HttpRequest request, ClaimsPrincipal caller, TenancyRegistryService registry)
    {
        var errors = new Dictionary<string, string[]>();
        var document = await ReadDocumentAsync(request, errors);
        var tenancy = document is null ? null : TenancyValidation.Validate(name, document, errors);
        if (tenancy is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return await StoreAsync(request.HttpContext, async () =>
        {
            var result = await registry.PutAsync(tenancy, Precondition(request), RequestedBy(caller), request.HttpContext.RequestAborted);
            return result.Outcome switch
            {
                TenancyWriteOutcome.PreconditionFailed => PreconditionFailed(request.HttpContext, result.Record),
                TenancyWriteOutcome.Created => Written(request.HttpContext, result.Record!, created: true),
                _ => Written(request.HttpContext, result.Record!, created: false),
            };
        });
    }

    internal static Task<IResult> GetAsync(string name, HttpContext context, TenancyRegistryService registry) =>
        StoreAsync(context, async () =>
            await registry.FindAsync(name, context.RequestAborted) is { Tenancy: { } tenancy } record
                ? Written(context, record, created: false)
                : NotFound(context, name));

    internal static Task<IResult> DeleteAsync(string name, HttpRequest request, ClaimsPrincipal caller, TenancyRegistryService registry) =>
        StoreAsync(request.HttpContext, async () =>
        {
            var result = await registry.DeleteAsync(name, Precondition(request), RequestedBy(caller), request.HttpContext.RequestAborted);
            return result.Outcome switch
            {
                TenancyWriteOutcome.NotFound => NotFound(request.HttpContext, name),
                TenancyWriteOutcome.PreconditionFailed => PreconditionFailed(request.HttpContext, result.Record),
                _ => TypedResults.NoContent(),
            };
        });

    internal static Task<IResult> ListAsync(string? after, int? limit, HttpContext context, TenancyRegistryService registry)
    {
        if (limit is < 1 or > MaxPageSize || (after is not null && !TenancyName.IsValid(after)))
        {
            return Task.FromResult<IResult>(TypedResults.ValidationProblem(limit is < 1 or > MaxPageSize
                ? new Dictionary<string, string[]> { ["limit"] = [$"1 to {MaxPageSize}."] }
                : new Dictionary<string, string[]> { ["after"] = ["A tenancy name: the next of the previous page."] }));
        }

        var size = limit ?? DefaultPageSize;
        return StoreAsync(context, async () =>
        {
            var records = await registry.ListAsync(after, size, context.RequestAborted);
            var items = records.Select(record => TenancyResource.Of(record.Tenancy!)).ToList();
            return TypedResults.Json(new TenancyPage(items, items.Count == size ? items[^1].Name : null), TenancyAdminJsonContext.Default.TenancyPage);
        });
    }

    internal static async Task<IResult> ImportAsync(HttpRequest request, ClaimsPrincipal caller, TenancyRegistryService registry)
    {
        if (!request.ContentType?.StartsWith(NdjsonMediaType, StringComparison.OrdinalIgnoreCase) ?? true)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [$"Send one tenancy per line with Content-Type: {NdjsonMediaType}."] });
        }

        try
        {
            return await StoreAsync(request.HttpContext, async () =>
            {
                var count = await registry.ImportAsync(ReadLinesAsync(request), RequestedBy(caller), request.HttpContext.RequestAborted);
                return TypedResults.Json(new TenancyImportResult(count), TenancyAdminJsonContext.Default.TenancyImportResult);
            });
        }
        catch (InvalidImportLineException invalid)
        {
            return TypedResults.ValidationProblem(invalid.Errors.ToDictionary(error => $"line {invalid.Line}: {error.Key}", error => error.Value));
        }
    }

    // Read as the import is written: the first invalid line throws, which rolls the transaction back.
    private static async IAsyncEnumerable<TenancyInfo> ReadLinesAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var number = 0;
        while (await reader.ReadLineAsync(request.HttpContext.RequestAborted) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var errors = new Dictionary<string, string[]>();
            var document = Deserialize(line, TenancyAdminJsonContext.Default.TenancyImportLine, errors);
            if (document is null || TenancyValidation.Validate(document.Name, document.Document, errors) is not { } tenancy)
            {
                throw new InvalidImportLineException(number, errors);
            }

            yield return tenancy;
        }
    }

    private static async Task<TenancyDocument?> ReadDocumentAsync(HttpRequest request, Dictionary<string, string[]> errors)
    {
        if (!request.HasJsonContentType())
        {
            errors["body"] = ["Send the tenancy as JSON with Content-Type: application/json."];
            return null;
        }

        if (request.ContentLength > MaxDocumentBytes)
        {
            errors["body"] = [$"At most {MaxDocumentBytes} bytes."];
            return null;
        }

        // Read at most one byte past the limit, whatever Content-Length said (or did not say).
        var buffer = new byte[MaxDocumentBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), request.HttpContext.RequestAborted)) > 0)
        {
            length += read;
        }

        if (length > MaxDocumentBytes)
        {
            errors["body"] = [$"At most {MaxDocumentBytes} bytes."];
            return null;
        }

        return Deserialize(buffer.AsSpan(0, length), TenancyAdminJsonContext.Default.TenancyDocument, errors);
    }

    private static T? Deserialize<T>(ReadOnlySpan<char> json, JsonTypeInfo<T> type, Dictionary<string, string[]> errors) where T : class =>
        Deserialize(System.Text.Encoding.UTF8.GetBytes(json.ToArray()), type, errors);

    private static T? Deserialize<T>(ReadOnlySpan<byte> json, JsonTypeInfo<T> type, Dictionary<string, string[]> errors) where T : class
    {
        try
        {
            var value = JsonSerializer.Deserialize(json, type);
            if (value is null)
            {
                errors["body"] = ["A JSON object."];
            }

            return value;
        }
        catch (JsonException exception)
        {
            // The path names the field ($.directoryIds[1] → directoryIds[1]); the message is ours, never the parser's.
            var field = exception.Path is { Length: > 2 } path ? path[2..] : "body";
            errors[field] = [exception.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? "Not a field of a tenancy: displayName, directoryIds, suspended, requiredRoles, requiredAuthenticationContexts (and name in an import)."
                : "Not valid here: displayName is a string, directoryIds, requiredRoles and requiredAuthenticationContexts arrays of strings, suspended true or false."];
            return null;
        }
    }

    private static async Task<IResult> StoreAsync(HttpContext context, Func<Task<IResult>> work)
    {
        try
        {
            return await work();
        }
        catch (TenancyStoreUnavailableException)
        {
            return ProblemDocuments.For(context, RefusalReasons.TenancyStoreUnavailable);
        }
    }

    private static IResult Written(HttpContext context, TenancyRecord record, bool created)
    {
        context.Response.Headers.ETag = ETag(record.Sequence);
        var resource = TenancyResource.Of(record.Tenancy!);
        return created
            ? TypedResults.Created($"/admin/tenancies/{resource.Name}", resource)
            : TypedResults.Json(resource, TenancyAdminJsonContext.Default.TenancyResource);
    }

    private static ProblemHttpResult NotFound(HttpContext context, string name) => Problem(
        context, StatusCodes.Status404NotFound, "tenancy_not_found", $"No tenancy '{(TenancyName.IsValid(name) ? name : "(invalid name)")}' is in the registry.");

    private static ProblemHttpResult PreconditionFailed(HttpContext context, TenancyRecord? current)
    {
        if (current?.Tenancy is not null)
        {
            context.Response.Headers.ETag = ETag(current.Sequence);
        }

        return Problem(context, StatusCodes.Status412PreconditionFailed, "precondition_failed",
            "The tenancy changed (or exists, or does not) since the version your If-Match or If-None-Match names: read it again, then retry.");
    }

    private static ProblemHttpResult Problem(HttpContext context, int status, string error, string detail) => TypedResults.Problem(new ProblemDetails
    {
        Status = status,
        Detail = detail,
        Extensions = { ["error"] = error, ["traceId"] = System.Diagnostics.Activity.Current?.Id ?? context.TraceIdentifier },
    });

    private static TenancyPrecondition Precondition(HttpRequest request)
    {
        var headers = request.GetTypedHeaders();
        var ifMatch = headers.IfMatch;
        var ifNoneMatch = headers.IfNoneMatch;
        var matchAny = ifMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any));
        // Strong comparison for If-Match (RFC 9110 §13.1.1): a weak or foreign tag matches no version. A header sent
        // but unreadable names no version either: it can never be met, so nothing is overwritten by mistake.
        List<long>? versions = matchAny || request.Headers.IfMatch.Count == 0 ? null
            : [-1, .. ifMatch.Where(tag => !tag.IsWeak).Select(Version)];
        // Weak comparison for If-None-Match; an unreadable one is taken as '*' (create only), the side that overwrites nothing.
        var noneMatchAny = ifNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any)) || (request.Headers.IfNoneMatch.Count > 0 && ifNoneMatch.Count == 0);
        List<long>? noneMatch = ifNoneMatch.Count == 0 || noneMatchAny ? null : [.. ifNoneMatch.Select(Version)];
        return new TenancyPrecondition(versions, matchAny, noneMatchAny) { IfNoneMatch = noneMatch };

        static long Version(EntityTagHeaderValue tag) =>
            long.TryParse(tag.Tag.AsSpan().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : -1;
    }

    private static string ETag(long sequence) => string.Create(CultureInfo.InvariantCulture, $"\"{sequence}\"");

    private static string RequestedBy(ClaimsPrincipal caller) =>
        $"operator client {caller.FindFirstValue(JwtRegisteredClaimNames.Azp) ?? "(no azp)"} of directory {caller.FindFirstValue(EntraClaimNames.DirectoryId)}";

    private sealed class InvalidImportLineException(int line, Dictionary<string, string[]> errors) : Exception($"Line {line} is not a valid tenancy.")
    {
        public int Line { get; } = line;

        public Dictionary<string, string[]> Errors { get; } = errors;
    }
}

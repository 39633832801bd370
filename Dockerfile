# CommitteeGrid silo: one image for every silo (the HTTP API runs inside it).
#   docker build -t committeegrid:dev .
# Ports: 8080 HTTP (API, health), 11111 silo-to-silo, 30000 Orleans gateway. k8s/ runs it.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files only, so that a code change keeps the package layer.
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/CommitteeGrid.Abstractions/CommitteeGrid.Abstractions.csproj src/CommitteeGrid.Abstractions/
COPY src/CommitteeGrid.Domain/CommitteeGrid.Domain.csproj src/CommitteeGrid.Domain/
COPY src/CommitteeGrid.Storage/CommitteeGrid.Storage.csproj src/CommitteeGrid.Storage/
COPY src/CommitteeGrid.Grains/CommitteeGrid.Grains.csproj src/CommitteeGrid.Grains/
COPY src/CommitteeGrid.Host/CommitteeGrid.Host.csproj src/CommitteeGrid.Host/
RUN dotnet restore src/CommitteeGrid.Host/CommitteeGrid.Host.csproj
COPY src/ src/
COPY seeds/ seeds/
RUN dotnet publish src/CommitteeGrid.Host/CommitteeGrid.Host.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
COPY seeds/ ./seeds/
# Listen on all interfaces (the host's default is loopback); k8s/ sets the same through its ConfigMap.
ENV COMMITTEEGRID__HTTP=http://0.0.0.0:8080 \
    COMMITTEEGRID__NETWORKFILE=/app/seeds/demo-network.json
EXPOSE 8080 11111 30000
# The image's built-in non-root user (uid 1654); k8s/ runs as the same uid.
USER $APP_UID
ENTRYPOINT ["dotnet", "CommitteeGrid.Host.dll"]

export interface WorkflowOptions {
  readonly developBranch: string;
  readonly productionBranch: string;
  readonly developmentEnvironment: string;
  readonly productionEnvironment: string;
}
